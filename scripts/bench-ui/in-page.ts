// What the UI benchmark installs in the page before it loads: animation-frame gaps, long tasks, and the
// main thread's milliseconds per telemetry frame. The last is measured around the page's telemetry hub:
// the time its publish() takes (the frame handed to every chart and to the store) plus, in the next
// animation frame, the time from the frame's start to a message posted from an animation-frame callback
// queued after the charts' draws, which runs once style, layout and paint of that frame are done. So a
// telemetry frame's cost includes the native drawing it causes, not only JavaScript.
// Runs in the browser: no imports, everything it needs inside.

export interface PageSample {
  /** Gaps between animation frames (ms). */
  gaps: number[];
  /** Long tasks' durations (ms). */
  longTasks: number[];
  /** Main-thread ms per telemetry frame. */
  work: number[];
  /** Telemetry frames that arrived. */
  frames: number;
}

declare global {
  interface Window {
    __benchUi?: { reset(): void; take(): PageSample; hooked: boolean };
    normscope?: {
      telemetry: { publish(f: unknown): void };
      store: { getState(): { step: number; status: string } };
      debug: { fastForward(steps: number): Promise<number> };
    };
  }
}

/** Installed with addInitScript: keeps recording until take(); reset() starts a new window. */
export function installRecorder(): void {
  let gaps: number[] = [];
  let longTasks: number[] = [];
  let work: number[] = [];
  let frames = 0;
  let last = -1;
  const tick = (t: number) => {
    if (last >= 0) gaps.push(t - last);
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  new PerformanceObserver((list) => { for (const e of list.getEntries()) longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: false });
  const channel = new MessageChannel();
  const pending: { js: number; frameStart: number }[] = [];
  channel.port1.onmessage = () => {
    const p = pending.shift();
    if (p) work.push(p.js + (performance.now() - p.frameStart));
  };
  const state = {
    hooked: false,
    reset() { gaps = []; longTasks = []; work = []; frames = 0; last = -1; },
    take() { return { gaps, longTasks, work, frames }; },
  };
  window.__benchUi = state;
  // Hooks the hub's publish once the page has made it (main.tsx assigns window.normscope synchronously).
  const hook = () => {
    const hub = window.normscope?.telemetry;
    if (!hub) { setTimeout(hook, 20); return; }
    const publish = hub.publish.bind(hub);
    hub.publish = (f: unknown) => {
      const t0 = performance.now();
      publish(f);
      const js = performance.now() - t0;
      frames++;
      requestAnimationFrame((frameStart) => {
        pending.push({ js, frameStart });
        channel.port2.postMessage(0);
      });
    };
    state.hooked = true;
  };
  hook();
}
