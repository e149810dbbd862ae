// Shared parts of the CNN views: drawing a feature map onto a canvas, the layer select, the run
// choice among the frame's runs that carry CNN telemetry.
import { useId } from 'react';
import type { RunFrame, TelemetryFrame } from '../telemetry/frame';
import { mapPixels } from './cnn-geometry';
import { useT } from '../i18n';

/** Draws H x W values of a (from offset) as grey pixels into the box (x, y, w, h), scaled without smoothing. */
export function drawMap(ctx: CanvasRenderingContext2D, a: ArrayLike<number>, offset: number, H: number, W: number,
  lo: number, hi: number, x: number, y: number, w: number, h: number): void {
  const img = new ImageData(W, H);
  mapPixels(img.data, a, offset, H, W, lo, hi);
  const tile = document.createElement('canvas');
  tile.width = W;
  tile.height = H;
  tile.getContext('2d')?.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(tile, x, y, w, h);
}

/** The runs of a frame that carry CNN telemetry. */
export function convRuns(frame: TelemetryFrame | null): RunFrame[] {
  return frame ? frame.runs.filter((r) => r.conv) : [];
}

export function LayerSelect({ value, onChange }: { value: number; onChange: (layer: number) => void }) {
  const t = useT();
  const id = useId();
  return (
    <label htmlFor={id}>{t('ctl.layer')}
      <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value))}>
        <option value={0}>{t('layer.0')}</option>
        <option value={1}>{t('layer.1')}</option>
      </select>
    </label>
  );
}

export function RunSelect({ runs, value, onChange, name }: { runs: string[]; value: string; onChange: (run: string) => void; name: (id: string) => string }) {
  const t = useT();
  const id = useId();
  return (
    <label htmlFor={id}>{t('ctl.run')}
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {runs.map((r) => <option key={r} value={r}>{name(r)}</option>)}
      </select>
    </label>
  );
}
