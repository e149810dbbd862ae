// "Decision boundary": for the 2-D data sets, each run's predicted class over the plane (colour = class,
// opacity = confidence), with the test points on top coloured by their true label. The worker computes
// the grid (trainer.decisionGrid); the panel asks about once a second while visible and training, and
// once per new frame while paused. The grid is drawn on canvas; React renders the axes and legend.
import { scaleLinear } from 'd3-scale';
import { useEffect, useRef, useState } from 'react';
import type { NormKind } from '../engine/types';
import type { DecisionGrid } from '../session/session';
import { getApp, useApp } from '../state/app';
import { classColor, decisionImage } from './decision-boundary-image';
import { AxisBottom, AxisLeft, Figure, prepareCanvas, runCss, runLabel, useVisible, useWidth } from './histograms-kit';

const RUN_ID: Record<NormKind, string> = { none: 'plain', batch: 'batch', layer: 'layer' };
const MARGIN = { left: 34, right: 8, top: 8, bottom: 24 };
/** How often the panel looks whether a new grid is due. */
const TICK_MS = 200;

export interface DecisionBoundaryProps {
  /** Grid cells per side (the worker evaluates resolution^2 points per run). */
  resolution?: number;
  /** Milliseconds between two grids while training. */
  intervalMs?: number;
  /** Largest side of one run's panel in CSS pixels. */
  maxSize?: number;
}

export function DecisionBoundary({ resolution = 64, intervalMs = 1000, maxSize = 300 }: DecisionBoundaryProps) {
  const dataset = useApp((s) => s.settings.dataset);
  const runKinds = useApp((s) => s.runs);
  const runIds = runKinds.map((k) => RUN_ID[k]);
  const box = useRef<HTMLDivElement>(null);
  const visible = useVisible(box);
  const width = useWidth(box);
  const gap = 16;
  const n = Math.max(1, runIds.length);
  const size = Math.max(160, Math.min(maxSize, Math.floor((width - gap * (n - 1)) / n)));
  const plot = size - Math.max(MARGIN.left + MARGIN.right, MARGIN.top + MARGIN.bottom);

  const gridRef = useRef<DecisionGrid | null>(null);
  const [info, setInfo] = useState<{ extent: number; classes: number; step: number } | null>(null);
  const canvases = useRef(new Map<string, HTMLCanvasElement>());
  const is2d = dataset !== 'mnist';

  const draw = () => {
    const grid = gridRef.current;
    if (!grid) return;
    const off = document.createElement('canvas');
    off.width = grid.resolution;
    off.height = grid.resolution;
    const octx = off.getContext('2d');
    const image = octx?.createImageData(grid.resolution, grid.resolution);
    const x = scaleLinear().domain([-grid.extent, grid.extent]).range([MARGIN.left, MARGIN.left + plot]);
    const y = scaleLinear().domain([-grid.extent, grid.extent]).range([MARGIN.top + plot, MARGIN.top]);
    for (const [id, canvas] of canvases.current) {
      const ctx = prepareCanvas(canvas, size, size);
      if (!ctx || !octx || !image || !decisionImage(grid, id, image.data)) continue;
      octx.putImageData(image, 0, 0);
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(off, MARGIN.left, MARGIN.top, plot, plot);
      const r = plot > 220 ? 2.6 : 2.2;
      for (let i = 0; i < grid.labels.length; i++) {
        const px = x(grid.points[2 * i]);
        const py = y(grid.points[2 * i + 1]);
        if (px < MARGIN.left || px > MARGIN.left + plot || py < MARGIN.top || py > MARGIN.top + plot) continue;
        ctx.beginPath();
        ctx.arc(px, py, r, 0, 2 * Math.PI);
        ctx.fillStyle = classColor(grid.labels[i]);
        ctx.fill();
        ctx.lineWidth = 0.8;
        ctx.strokeStyle = '#000';
        ctx.stroke();
      }
      ctx.strokeStyle = 'rgba(0,0,0,0.25)';
      ctx.lineWidth = 1;
      ctx.strokeRect(MARGIN.left + 0.5, MARGIN.top + 0.5, plot - 1, plot - 1);
    }
  };
  const drawRef = useRef(draw);
  drawRef.current = draw;
  useEffect(() => { drawRef.current(); }, [size, runKinds]);

  // Fetch loop: about once per interval while training and visible; after each new frame while paused.
  useEffect(() => {
    if (!is2d) return;
    const app = getApp();
    let frameSeq = -1;
    let frameStep = -1;
    let fetchedSeq = -2;
    let lastFetch = -Infinity;
    let inflight = false;
    let alive = true;
    const unsubscribe = app.hub.subscribe((f) => { frameSeq = f.seq; frameStep = f.step; });
    const tick = async () => {
      if (inflight || !visible.current || frameSeq < 0) return;
      const status = app.store.getState().status;
      const now = performance.now();
      const due = status === 'running' ? now - lastFetch >= intervalMs : frameSeq !== fetchedSeq;
      if (!due || (status !== 'running' && status !== 'paused')) return;
      inflight = true;
      lastFetch = now;
      const seq = frameSeq;
      const step = frameStep;
      try {
        const grid = await app.trainer.decisionGrid(resolution);
        if (!alive) return;
        fetchedSeq = seq;
        gridRef.current = grid;
        setInfo((old) => (old && old.extent === grid.extent && old.classes === grid.classes && old.step === step ? old : { extent: grid.extent, classes: grid.classes, step }));
        drawRef.current();
      } catch {
        fetchedSeq = seq; // e.g. no session yet, or a data set without 2 inputs: try again at the next frame
      } finally {
        inflight = false;
      }
    };
    const timer = window.setInterval(() => { void tick(); }, TICK_MS);
    void tick();
    return () => { alive = false; unsubscribe(); clearInterval(timer); };
  }, [is2d, resolution, intervalMs, visible]);

  // A new data set: forget the old grid.
  useEffect(() => { gridRef.current = null; setInfo(null); }, [dataset]);

  const axis = info ? scaleLinear().domain([-info.extent, info.extent]) : null;
  return (
    <Figure
      title="Decision boundary"
      fileName="decision-boundary"
      className="ns-decision-boundary"
      caption={is2d
        ? 'Each run\'s predicted class over the plane (paler = less confident), in evaluation mode; the test points on top, coloured by their true class.'
        : undefined}
    >
      <div ref={box}>
        {!is2d && <p className="ns-empty">This view is for the 2-D data sets (spiral, circles, xor, gauss): choose one to see how each network divides the plane.</p>}
        {is2d && !info && <p className="ns-empty">No data yet: start training to see the decision boundaries.</p>}
        {is2d && info && (
          <div className="ns-legend">
            {Array.from({ length: info.classes }, (_, k) => (
              <span key={k}><i style={{ background: classColor(k), height: 10, width: 10, borderRadius: 5, border: '1px solid #000' }} />class {k}</span>
            ))}
            <span>step {info.step}</span>
          </div>
        )}
        {is2d && (
          <div className="ns-db-grid" style={{ display: info ? undefined : 'none' }}>
            {runIds.map((id) => (
              <div key={id}>
                <div className="ns-hist-head"><span style={{ color: runCss(id) }}>■</span> {runLabel(id)}</div>
                <div className="ns-db-panel" style={{ width: size, height: size }}>
                  <canvas
                    ref={(el) => { if (el) canvases.current.set(id, el); else canvases.current.delete(id); }}
                    style={{ width: size, height: size }}
                    aria-hidden="true"
                  />
                  <svg className="chart-svg" width={size} height={size} role="img" aria-label={`${runLabel(id)} run: predicted class over the plane`}>
                    {axis && (
                      <>
                        <AxisBottom scale={axis.copy().range([MARGIN.left, MARGIN.left + plot])} y={MARGIN.top + plot} ticks={5} />
                        <AxisLeft scale={axis.copy().range([MARGIN.top + plot, MARGIN.top])} x={MARGIN.left} ticks={5} />
                      </>
                    )}
                  </svg>
                </div>
              </div>
            ))}
          </div>
        )}
      </div>
    </Figure>
  );
}
