// Busy CPU time of the whole machine, from /proc/stat (Linux), to see whether other processes ran
// during a trial. On a 2-vCPU VM the other vCPU may share a physical core with ours, so a process
// there slows us down without ever preempting us (our CPU share stays at 100%).

import { readFileSync } from 'node:fs';

/** Milliseconds of non-idle CPU time summed over all cores since boot, or null where unknown. */
export function systemBusyMs(): number | null {
  try {
    return parseProcStatBusyMs(readFileSync('/proc/stat', 'utf8'));
  } catch {
    return null;
  }
}

/** The `cpu` line: user nice system idle iowait irq softirq steal ..., in USER_HZ (100/s) ticks. */
export function parseProcStatBusyMs(text: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return null;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  if (v.length < 4 || v.some((x) => !Number.isFinite(x))) return null;
  const [user, nice, system, , , irq = 0, softirq = 0, steal = 0] = v;
  return (user + nice + system + irq + softirq + steal) * 10;
}
