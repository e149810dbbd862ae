import { describe, expect, it } from 'vitest';
import { EMBED_VIEW_IDS, embedCharts, parseEmbed } from './embed';
import { DEFAULT_PAGE_SETTINGS, DEFAULT_RUNS, DEFAULT_SPEED, parse, serialize } from './url-codec';

const base = { settings: { ...DEFAULT_PAGE_SETTINGS }, runs: [...DEFAULT_RUNS], paused: false, speed: DEFAULT_SPEED };

describe('embed', () => {
  it('reads short ids and the page\'s view names, in the order given, each once', () => {
    expect(parseEmbed('loss')).toEqual({ views: ['loss'], bad: [] });
    expect(parseEmbed(' loss , HistogramsChart,accuracy,LOSS ')).toEqual({ views: ['loss', 'histograms', 'accuracy'], bad: [] });
    expect([...embedCharts(['loss', 'moments'])]).toEqual(['LossChart', 'LayerMomentsChart']);
  });

  it('drops unknown names and reports them; nothing valid means no embed', () => {
    expect(parseEmbed('loss,<script>,nope')).toEqual({ views: ['loss'], bad: ['<script>', 'nope'] });
    expect(parseEmbed('')).toEqual({ views: [], bad: [''] });
    expect(parseEmbed(',,,').views).toEqual([]);
    const many = parseEmbed(Array.from({ length: 500 }, () => 'loss').join(','));
    expect(many.views).toEqual(['loss']);
    expect(many.bad).toEqual([`+${500 - EMBED_VIEW_IDS.length}`]);
  });

  it('round-trips through the address like every other key, and repairs are reported', () => {
    const p = parse('?embed=loss,AccuracyChart&batch=8');
    expect(p.embed).toEqual(['loss', 'accuracy']);
    expect(p.problems).toEqual([]);
    expect(serialize({ ...base, settings: p.settings, embed: p.embed })).toBe('?batch=8&embed=loss,accuracy');
    expect(parse(serialize({ ...base, embed: ['histograms', 'cnn-step'] })).embed).toEqual(['histograms', 'cnn-step']);
    const bad = parse('?embed=loss,bogus');
    expect(bad.embed).toEqual(['loss']);
    expect(bad.problems).toEqual([{ key: 'embed', value: 'loss,bogus', used: 'loss', kind: 'default' }]);
    const none = parse('?embed=bogus');
    expect(none.embed).toBeUndefined();
    expect(none.problems).toEqual([{ key: 'embed', value: 'bogus', used: 'none', kind: 'default' }]);
    expect(parse('?embed=loss&embed=accuracy').problems[0]).toMatchObject({ key: 'embed', kind: 'repeated' });
    expect(serialize({ ...base, embed: null })).toBe('');
  });
});
