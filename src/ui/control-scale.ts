// The page's controls of number settings, read off the settings table: a slider's scale (its ends are
// the table's page range, or the slider's own shorter end) and which values a control accepts.
import type { NumberKey, SliderSpec } from '../session/settings';
import { SPEED_RANGE } from '../state/url-codec';
import type { SliderScale } from './slider-scale';
import { INIT_SCALE, setting } from '../state/ui-inputs';

/** The number settings with a slider on the page. */
export type SliderKey = 'batch' | 'eps' | 'lr' | 'momentum' | 'sgdMomentum' | 'weightDecay';

function scaleOf(spec: SliderSpec, page: { min: number; max: number }, integer = false): SliderScale {
  return {
    kind: spec.scale, min: page.min, max: spec.max ?? page.max, positions: spec.positions,
    ...(integer ? { integer } : {}),
    ...(spec.lowest !== undefined ? { lowest: spec.lowest } : {}),
    ...(spec.decimals !== undefined ? { decimals: spec.decimals } : {}),
  };
}

/** The slider of `key`; throws for a setting the table gives no slider (a programming error). */
export function sliderScale(key: SliderKey): SliderScale {
  const def = setting(key);
  if (!def.slider) throw new Error(`the settings table gives ${key} no slider`);
  return scaleOf(def.slider, def.page, def.range.integer);
}

/** The Init scale slider (the STD of normal:STD). */
export const INIT_SCALE_SLIDER: SliderScale = scaleOf(INIT_SCALE.slider, INIT_SCALE.page);

/** The Speed slider: steps per second, "max" (null) at the right end. */
export const SPEED_SLIDER: SliderScale = { kind: 'logMax', min: SPEED_RANGE.min, max: SPEED_RANGE.max, integer: true, positions: 75 };

/** Whether a control of `key` takes `v`: in the page's range and accepted by the table. */
export function acceptsNumber(key: NumberKey, v: number | null): v is number {
  const def = setting(key);
  return v !== null && Number.isFinite(v) && v >= def.page.min && v <= def.page.max
    && (!def.range.integer || Number.isInteger(v)) && def.parse(String(v)).ok;
}
