// The README's table of claims is what the measured summaries give (npx tsx
// scripts/experiments/write-measured.ts writes both), and the summaries file is written the same way
// from the results (the explanations' test checks the summaries against docs/results).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MEASURED } from '../../src/session/presets/measured';
import { claimsTable, TABLE_END, TABLE_START } from './claims-table';
import { measuredSource, MEASURED_FILE, README_FILE, withClaimsTable } from './write-measured';

describe('the measured summaries, written out', () => {
  it('the README carries the claims table of measured.ts', () => {
    const readme = readFileSync(README_FILE, 'utf8');
    expect(readme).toContain(claimsTable(MEASURED));
    expect(withClaimsTable(readme, MEASURED)).toBe(readme);
  });

  it('measured.ts is exactly what the generator writes', () => {
    expect(readFileSync(MEASURED_FILE, 'utf8')).toBe(measuredSource(MEASURED));
  });

  it('the table has a row per setting with median [min-max] and k of N, and refuses a README without its markers', () => {
    const table = claimsTable(MEASURED);
    expect(table.startsWith(TABLE_START) && table.endsWith(TABLE_END)).toBe(true);
    expect(table.split('\n').filter((l) => l.startsWith('| `'))).toHaveLength(MEASURED.checks.length);
    expect(table).toMatch(/\| `high-lr` \| lr 10 \| \d+ \| plain \d\.\d{3} \[\d\.\d{3}-\d\.\d{3}\]; batch norm \d\.\d{3} \[\d\.\d{3}-\d\.\d{3}\] \| plain \d+ of \d+, batch norm \d+ of \d+ \| batch norm ahead in \d+ of \d+, [+-]?\d\.\d{3} \[/);
    expect(() => withClaimsTable('no table here', MEASURED)).toThrow(/no claims table/);
  });
});
