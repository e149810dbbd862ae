// Grouped bars: one group per category (layer), one bar per series (run) inside it.

export interface BarSlot { group: number; member: number; x: number; width: number }

/**
 * Bar positions in [x0, x1]: `groups` groups separated by `groupPad` (a share of a group's width),
 * each holding `members` bars with `barPad` (share of a bar's width) between them.
 */
export function groupedBars(groups: number, members: number, x0: number, x1: number, groupPad = 0.25, barPad = 0.1): BarSlot[] {
  const out: BarSlot[] = [];
  if (groups <= 0 || members <= 0 || x1 <= x0) return out;
  const groupW = (x1 - x0) / groups;
  const inner = groupW * (1 - groupPad);
  const barW = inner / members;
  for (let g = 0; g < groups; g++) {
    const start = x0 + g * groupW + (groupW - inner) / 2;
    for (let m = 0; m < members; m++) {
      out.push({ group: g, member: m, x: start + m * barW + (barW * barPad) / 2, width: barW * (1 - barPad) });
    }
  }
  return out;
}

/** The centre of group g (for its label). */
export function groupCenter(groups: number, g: number, x0: number, x1: number): number {
  return x0 + ((g + 0.5) * (x1 - x0)) / groups;
}
