// A stand-in for a canvas and its 2D context for unit tests: it keeps the drawing state a real one
// keeps (with save/restore as a stack, and the clip as the rectangles in force) and records each path,
// stroke and fill with the state it was drawn in, so a test can check what a draw leaves behind.

/** The parts of the drawing state the charts set. */
export interface DrawState {
  globalAlpha: number;
  globalCompositeOperation: string;
  lineDashOffset: number;
  lineWidth: number;
  lineCap: string;
  lineJoin: string;
  strokeStyle: string;
  fillStyle: string;
  dash: number[];
  /** Clip rectangles in force, as 'x0..x1' (CSS px) of their columns. */
  clips: string[];
}

export const DEFAULT_STATE: DrawState = {
  globalAlpha: 1, globalCompositeOperation: 'source-over', lineDashOffset: 0, lineWidth: 1, lineCap: 'butt', lineJoin: 'miter',
  strokeStyle: '#000000', fillStyle: '#000000', dash: [], clips: [],
};

/** A canvas of width x height device pixels whose context records calls (see the top of the file). */
export function fakeCanvas(width: number, height: number) {
  const calls: string[] = [];
  const stack: DrawState[] = [];
  let path: string[] = [];
  let pendingRect = '';
  const state: DrawState = { ...DEFAULT_STATE, dash: [], clips: [] };
  const snapshot = (): DrawState => ({ ...state, dash: [...state.dash], clips: [...state.clips] });
  const clipped = () => (state.clips.length ? ` in ${state.clips.at(-1)}` : '');
  const pt = (a: number, b: number) => `${+a.toFixed(3)},${+b.toFixed(3)}`;
  const ctx = {
    get globalAlpha() { return state.globalAlpha; }, set globalAlpha(v: number) { state.globalAlpha = v; },
    get globalCompositeOperation() { return state.globalCompositeOperation; }, set globalCompositeOperation(v: string) { state.globalCompositeOperation = v; },
    get lineDashOffset() { return state.lineDashOffset; }, set lineDashOffset(v: number) { state.lineDashOffset = v; },
    get lineWidth() { return state.lineWidth; }, set lineWidth(v: number) { state.lineWidth = v; },
    get lineCap() { return state.lineCap; }, set lineCap(v: string) { state.lineCap = v; },
    get lineJoin() { return state.lineJoin; }, set lineJoin(v: string) { state.lineJoin = v; },
    get strokeStyle() { return state.strokeStyle; }, set strokeStyle(v: string) { state.strokeStyle = v; },
    get fillStyle() { return state.fillStyle; }, set fillStyle(v: string) { state.fillStyle = v; },
    setLineDash(d: number[]) { state.dash = [...d]; },
    getLineDash() { return [...state.dash]; },
    save() { stack.push(snapshot()); },
    restore() { const s = stack.pop(); if (s) Object.assign(state, s); },
    setTransform() {},
    clearRect() { calls.push('clear'); },
    beginPath() { path = []; pendingRect = ''; },
    moveTo(a: number, b: number) { path.push(`M ${pt(a, b)}`); },
    lineTo(a: number, b: number) { path.push(`L ${pt(a, b)}`); },
    closePath() { path.push('Z'); },
    arc(a: number, b: number) { path.push(`arc ${pt(a, b)}`); },
    rect(a: number, _y: number, w: number) { pendingRect = `${a}..${a + w}`; },
    clip() { state.clips.push(pendingRect); },
    fillRect() { calls.push('fillRect'); },
    stroke() { calls.push(`stroke [${path.join(' ')}] dash@${+state.lineDashOffset.toFixed(3)} alpha ${state.globalAlpha}${clipped()}`); },
    fill() { calls.push(`fill ${state.fillStyle} [${path.join(' ')}] alpha ${state.globalAlpha}${clipped()}`); },
    measureText: () => ({ width: 10 }),
    fillText() {},
    canvas: null as unknown,
  };
  const canvas = { width, height, getContext: () => ctx } as unknown as HTMLCanvasElement;
  ctx.canvas = canvas;
  return { canvas, ctx: ctx as unknown as CanvasRenderingContext2D, calls, state: snapshot, depth: () => stack.length };
}
