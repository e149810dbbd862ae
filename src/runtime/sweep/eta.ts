// The time left of a sweep, from the throughput measured so far:
//   rate = done / elapsed,     remaining = (total - done) / rate
// where `done` counts finished jobs whole and running ones by their share of steps, in work units
// (work.ts). No estimate until there is something to measure (a little work and a little time), so the
// first seconds, spent loading data, do not produce a wild number.
export interface EtaInput {
  totalWork: number;
  doneWork: number;
  elapsedSeconds: number;
}

export const ETA_MIN_SECONDS = 1;
export const ETA_MIN_SHARE = 0.002;

/** Seconds left, or null while too little has been measured; 0 when all the work is done. */
export function estimateRemaining({ totalWork, doneWork, elapsedSeconds }: EtaInput): number | null {
  if (!(totalWork > 0)) return 0;
  if (doneWork >= totalWork) return 0;
  if (!(elapsedSeconds >= ETA_MIN_SECONDS) || !(doneWork >= ETA_MIN_SHARE * totalWork)) return null;
  const rate = doneWork / elapsedSeconds;
  return (totalWork - doneWork) / rate;
}

export interface DurationUnits { s: string; min: string; h: string }
export const EN_UNITS: DurationUnits = { s: 's', min: 'min', h: 'h' };

/** 200 -> "3 min 20 s", 45 -> "45 s", 7500 -> "2 h 5 min": coarse on purpose (it is an estimate). */
export function formatDuration(seconds: number, u: DurationUnits = EN_UNITS): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} ${u.s}`;
  if (s < 3600) {
    const m = Math.floor(s / 60);
    const r = s % 60;
    return r === 0 ? `${m} ${u.min}` : `${m} ${u.min} ${r} ${u.s}`;
  }
  let h = Math.floor(s / 3600);
  let m = Math.round((s % 3600) / 60);
  if (m === 60) { h++; m = 0; }
  return m === 0 ? `${h} ${u.h}` : `${h} ${u.h} ${m} ${u.min}`;
}
