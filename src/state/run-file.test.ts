import { describe, expect, it } from 'vitest';
import { parseRunFile, RUN_FILE_LIMITS, RunFileError, runFileName, runFileText } from './run-file';
import { testRecord, testRenormRecord } from './run-record.test-support';

/** The error parseRunFile throws for `text` (fails the test when it parses). */
function refusal(text: string): RunFileError {
  try {
    parseRunFile(text);
  } catch (e) {
    expect(e).toBeInstanceOf(RunFileError);
    return e as RunFileError;
  }
  throw new Error('the file was accepted');
}

/** The record's JSON, changed by `edit` on its parsed form. */
function edited(edit: (o: any) => void): string {
  const o = JSON.parse(runFileText(testRecord()));
  edit(o);
  return JSON.stringify(o);
}

describe('run file', () => {
  it('round-trips a record: settings, every series (NaN as null), distributions, final metrics', () => {
    const r = testRecord();
    const back = parseRunFile(runFileText(r));
    expect(back).toEqual(r);
    const loss = back.runs[0].series.find((s) => s.series === 'loss')!;
    expect(Number.isNaN(loss.y[1])).toBe(true);
    expect(loss.y).toBeInstanceOf(Float32Array);
    expect(back.runs[1].distributions.map((d) => d.stage)).toEqual(['z', 'norm', 'act']);
    expect(back.runs[1].final).toEqual({ loss: 0.200000003, testLoss: 0.400000006, testAcc: 0.949999988 }); // float32, 9 digits
    expect(runFileName(r)).toBe('normscope-runs-eps-test.json');
  });

  it('round-trips a renorm run\'s schedule series (limits, clipped shares); a file without them still reads', () => {
    const r = testRenormRecord();
    const names = r.runs[1].series.map((s) => s.series);
    expect(names).toEqual(expect.arrayContaining(['renormRmax', 'renormDmax', 'renormClippedR', 'renormClippedD']));
    expect(r.runs[0].series.some((s) => s.series.startsWith('renorm'))).toBe(false); // the plain run has none
    const back = parseRunFile(runFileText(r));
    expect(back).toEqual(r);
    const d = back.runs[1].series.find((s) => s.series === 'renormClippedD')!;
    expect(Array.from(d.x)).toEqual([0, 100, 300]);
    expect(Number.isNaN(d.y[1])).toBe(true);
    // A file saved before these series were kept: the same record without them.
    const old = JSON.parse(runFileText(r));
    for (const run of old.runs) run.series = run.series.filter((s: { series: string }) => !s.series.startsWith('renorm'));
    expect(parseRunFile(JSON.stringify(old)).runs[1].series.map((s) => s.series)).not.toContain('renormRmax');
  });

  it('refuses renorm values out of their bounds: a share above 1, a negative limit', () => {
    const text = runFileText(testRenormRecord());
    const bad = (name: string, k: 'y' | 'min' | 'max', v: number) => {
      const o = JSON.parse(text);
      const i = o.runs[1].series.findIndex((s: { series: string }) => s.series === name);
      o.runs[1].series[i][k][2] = v;
      return refusal(JSON.stringify(o));
    };
    expect(bad('renormClippedR', 'y', 1.5)).toMatchObject({ reason: 'range' });
    expect(bad('renormClippedD', 'max', 1.0001).path).toMatch(/^runs\[1\]\.series\[\d+\]\.max\[2\]$/);
    expect(bad('renormDmax', 'min', -1)).toMatchObject({ reason: 'range' });
    expect(parseRunFile(text).runs[1].series.length).toBe(testRenormRecord().runs[1].series.length);
  });

  it('writes float32 values in their shortest form (9 digits at most) and reads them back exactly', () => {
    const text = runFileText(testRecord());
    const significant = (m: string) => m.replace(/^-?0\.0*/, '').replace(/^-/, '').replace('.', '').length;
    expect(Math.max(...(text.match(/-?\d+\.\d+/g) ?? []).map(significant))).toBeLessThanOrEqual(9);
    expect(parseRunFile(text).runs[0].series[0].min).toEqual(testRecord().runs[0].series[0].min);
  });

  it('keeps a run\'s own settings, checked like the session\'s', () => {
    const ok = parseRunFile(edited((o) => { o.runs[1].settings = { eps: 1, momentum: 0.9 }; }));
    expect(ok.runs[1].settings).toEqual({ eps: 1, momentum: 0.9 });
    expect(refusal(edited((o) => { o.runs[1].settings = { eps: 0 }; }))).toMatchObject({ reason: 'range', path: 'runs[1].settings.eps' });
    expect(refusal(edited((o) => { o.runs[1].settings = { colour: 'red' }; }))).toMatchObject({ reason: 'key', detail: 'colour' });
  });

  it('refuses what is not JSON, truncated files and files of another kind, with where and why', () => {
    const text = runFileText(testRecord());
    expect(refusal(text.slice(0, Math.floor(text.length / 2))).reason).toBe('json');
    expect(refusal('').reason).toBe('json');
    expect(refusal('[1,2]').reason).toBe('format');
    expect(refusal('{"app":"NormScope","runs":[]}').reason).toBe('format'); // the Download JSON export
    expect(refusal('null').reason).toBe('format');
  });

  it('refuses an unknown version (newer or older)', () => {
    for (const v of [2, 0, '1', null]) {
      expect(refusal(edited((o) => { o.version = v; })).reason).toBe('version');
    }
  });

  it('refuses oversized files and lists before reading them', () => {
    expect(refusal(' '.repeat(RUN_FILE_LIMITS.chars + 1)).reason).toBe('size');
    expect(refusal(edited((o) => { o.runs = Array.from({ length: RUN_FILE_LIMITS.runs + 1 }, () => o.runs[0]); })).reason).toBe('size');
    expect(refusal(edited((o) => { o.runs[0].series[0].x = new Array(RUN_FILE_LIMITS.points + 1).fill(1); }))).toMatchObject({ reason: 'size', path: 'runs[0].series[0].x' });
    expect(refusal(edited((o) => { o.name = 'x'.repeat(RUN_FILE_LIMITS.nameChars + 1); }))).toMatchObject({ reason: 'size', path: 'name' });
    expect(refusal(edited((o) => { o.thumbnail = `data:image/png;base64,${'A'.repeat(RUN_FILE_LIMITS.thumbnailChars)}`; })).reason).toBe('size');
  });

  it('refuses wrong types, non-finite numbers and inconsistent lengths', () => {
    expect(refusal(edited((o) => { o.runs[0].series[0].y[0] = 'NaN'; }))).toMatchObject({ reason: 'type', path: 'runs[0].series[0].y[0]' });
    expect(refusal(edited((o) => { o.runs[0].series[0].x[0] = null; }))).toMatchObject({ reason: 'type', path: 'runs[0].series[0].x[0]' });
    expect(refusal(edited((o) => { o.runs[0].series[0].y.pop(); }))).toMatchObject({ reason: 'length', path: 'runs[0].series[0].y' });
    expect(refusal(edited((o) => { o.runs[0].series[0].x.reverse(); })).reason).toBe('range');
    expect(refusal(edited((o) => { o.runs[0].series[0].count[0] = 1.5; })).reason).toBe('range');
    expect(refusal(edited((o) => { o.runs[0].final.testAcc = 1.5; }))).toMatchObject({ reason: 'range', path: 'runs[0].final.testAcc' });
    expect(refusal(edited((o) => { o.step = -1; })).reason).toBe('range');
    expect(refusal(edited((o) => { o.runs[0].distributions[0].hi = -10; })).reason).toBe('range');
    expect(refusal(edited((o) => { o.runs[0].distributions[0].stage = 'out'; })).reason).toBe('range');
    expect(refusal(edited((o) => { o.thumbnail = 'javascript:alert(1)'; }))).toMatchObject({ reason: 'type', path: 'thumbnail' });
    expect(refusal(edited((o) => { o.savedAt = 'yesterday'; }))).toMatchObject({ path: 'savedAt' });
    expect(refusal(edited((o) => { o.runs[0].kind = 'magic'; })).reason).toBe('range');
    expect(refusal(edited((o) => { o.runs[1].id = o.runs[0].id; })).reason).toBe('range');
    expect(refusal(edited((o) => { o.runs[0].id = '<img src=x>'; })).reason).toBe('type');
    expect(refusal(edited((o) => { o.runs = []; })).reason).toBe('length');
    // 1e999 is Infinity once parsed
    expect(refusal(runFileText(testRecord()).replace('"step":300', '"step":1e999')).reason).toBe('type');
  });

  it('checks the settings against the settings table and the size limits', () => {
    expect(refusal(edited((o) => { o.settings.eps = 5; }))).toMatchObject({ reason: 'range', path: 'settings.eps' });
    expect(refusal(edited((o) => { o.settings.batch = 2.5; }))).toMatchObject({ reason: 'range', path: 'settings.batch' });
    expect(refusal(edited((o) => { o.settings.act = 'swish'; }))).toMatchObject({ reason: 'range', path: 'settings.act' });
    expect(refusal(edited((o) => { o.settings.hidden = [4096, 4096, 4096, 4096]; }))).toMatchObject({ reason: 'range', path: 'settings.hidden' });
    expect(refusal(edited((o) => { o.settings.hidden = '100,100'; }))).toMatchObject({ reason: 'type', path: 'settings.hidden' });
    expect(refusal(edited((o) => { delete o.settings.lr; }))).toMatchObject({ reason: 'missing', detail: 'lr' });
    expect(refusal(edited((o) => { o.settings.extra = 1; }))).toMatchObject({ reason: 'key', detail: 'extra' });
  });

  it('refuses __proto__, constructor and prototype keys anywhere, and pollutes nothing', () => {
    const text = runFileText(testRecord());
    const hostile = [
      text.replace('{"format"', '{"__proto__":{"polluted":true},"format"'),
      text.replace('"settings":{', '"settings":{"__proto__":{"polluted":true},'),
      text.replace('"final":{', '"final":{"constructor":{"prototype":{"polluted":true}},'),
      text.replace('"distributions":[{', '"distributions":[{"__proto__":{"polluted":true},'),
    ];
    for (const h of hostile) {
      expect(h).not.toBe(text);
      expect(refusal(h).reason).toBe('key');
    }
    const runSettings = edited((o) => { o.runs[0].settings = JSON.parse('{"__proto__":{"eps":1}}'); });
    expect(refusal(runSettings).reason).toBe('key');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('survives random corruption: every single-character cut or flip either parses to a valid record or is a RunFileError', () => {
    const text = runFileText(testRecord());
    let refused = 0;
    for (let i = 0; i < text.length; i += 7) {
      for (const bad of [text.slice(0, i), text.slice(0, i) + '9' + text.slice(i + 1), text.slice(0, i) + text.slice(i + 1)]) {
        try { parseRunFile(bad); } catch (e) { expect(e).toBeInstanceOf(RunFileError); refused++; }
      }
    }
    expect(refused).toBeGreaterThan(0);
  });
});
