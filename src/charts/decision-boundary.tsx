// "Decision boundary": for the 2-D data sets, each run's predicted class over the plane (colour = class,
// opacity = confidence), with the test points on top coloured by their true label. The worker computes
// the grid (trainer.decisionGrid); the panel asks about once a second while visible and training, and
// once per new frame while paused. The grid is drawn on canvas over the theme's --bg (points outlined
// in --fg, frame in --muted), redrawn when the colour scheme changes; React renders the axes and legend.
import { scaleLinear } from 'd3-scale';
import { useEffect, useRef, useState } from 'react';
import type { DecisionGrid } from '../session/session';
import { getApp, useApp } from '../state/app';
import { useT } from '../i18n';
import { cellAt, classColor, decisionImage, hexToRgb } from './decision-boundary-image';
import { AxisBottom, AxisLeft, Figure, prepareCanvas, runCss, runName, useVisible, useWidth } from './histograms-kit';
import { LiveSummary } from './live-summary';
import { summarizeDecisionGrid } from './summaries';
import { placeTip, Tooltip, type TooltipData } from './tooltip';

const MARGIN = { left: 34, right: 8, top: 8, bottom: 24 };
/** How often the panel looks whether a new grid is due. */
const TICK_MS = 200;

interface Theme { bg: [number, number, number]; fg: string; muted: string }

/** The theme's --bg (as RGB, for blending the grid), --fg and --muted on `el`, resolved by the canvas. */
function readTheme(el: Element | null, ctx: CanvasRenderingContext2D): Theme {
  const style = el ? getComputedStyle(el) : null;
  const resolve = (name: string, fallback: string) => {
    ctx.fillStyle = fallback;
    ctx.fillStyle = style?.getPropertyValue(name).trim() || fallback; // an invalid colour is ignored
    return String(ctx.fillStyle);
  };
  const bg = resolve('--bg', '#ffffff');
  const rgb = /^#[0-9a-f]{6}$/i.test(bg) ? hexToRgb(bg) : ((bg.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number) as [number, number, number]);
  return { bg: rgb.length === 3 ? rgb : [255, 255, 255], fg: resolve('--fg', '#1a1b26'), muted: resolve('--muted', '#4b5063') };
}

export interface DecisionBoundaryProps {
  /** Grid cells per side (the worker evaluates resolution^2 points per run). */
  resolution?: number;
  /** Milliseconds between two grids while training. */
  intervalMs?: number;
  /** Largest side of one run's panel in CSS pixels. */
  maxSize?: number;
}

export function DecisionBoundary({ resolution = 64, intervalMs = 1000, maxSize = 300 }: DecisionBoundaryProps) {
  const t = useT();
  const dataset = useApp((s) => s.settings.dataset);
  const runKinds = useApp((s) => s.runs);
  const runIds = [...runKinds];
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
    if (!octx || !image) return;
    const theme = readTheme(box.current, octx);
    const x = scaleLinear().domain([-grid.extent, grid.extent]).range([MARGIN.left, MARGIN.left + plot]);
    const y = scaleLinear().domain([-grid.extent, grid.extent]).range([MARGIN.top + plot, MARGIN.top]);
    for (const [id, canvas] of canvases.current) {
      const ctx = prepareCanvas(canvas, size, size);
      if (!ctx || !decisionImage(grid, id, image.data, theme.bg)) continue;
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
        ctx.strokeStyle = theme.fg;
        ctx.stroke();
      }
      ctx.globalAlpha = 0.5;
      ctx.strokeStyle = theme.muted;
      ctx.lineWidth = 1;
      ctx.strokeRect(MARGIN.left + 0.5, MARGIN.top + 0.5, plot - 1, plot - 1);
      ctx.globalAlpha = 1;
    }
  };
  const drawRef = useRef(draw);
  drawRef.current = draw;
  useEffect(() => { drawRef.current(); }, [size, runKinds]);
  // The system switched between light and dark: repaint over the new background.
  useEffect(() => {
    if (typeof window === 'undefined' || !window.matchMedia) return;
    const mq = window.matchMedia('(prefers-color-scheme: dark)');
    const redraw = () => drawRef.current();
    mq.addEventListener('change', redraw);
    return () => mq.removeEventListener('change', redraw);
  }, []);

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

  // Hover: the point under the pointer and each run's predicted class there, with its probability.
  const [tip, setTip] = useState<TooltipData | null>(null);
  const gridBox = useRef<HTMLDivElement>(null);
  const hover = (e: React.PointerEvent<SVGSVGElement>) => {
    const grid = gridRef.current;
    const r = e.currentTarget.getBoundingClientRect();
    const at = grid ? cellAt(grid, e.clientX - r.left - MARGIN.left, e.clientY - r.top - MARGIN.top, plot) : null;
    if (!grid || !at) { setTip(null); return; }
    const f = (v: number) => v.toFixed(2).replace('-', '−');
    const rows = runIds.map((id) => {
      const run = grid.runs[id];
      if (!run) return null;
      const k = run.predicted[at.cell];
      return { id, label: t('db.tipRun', { run: runName(t, id), cls: t('db.class', { k }) }), color: classColor(k), step: info?.step ?? 0, value: run.confidence[at.cell] };
    });
    setTip(placeTip(gridBox.current, e, rows, info?.step ?? 0, t('db.tipAt', { x1: f(at.x1), x2: f(at.x2) })));
  };

  const axis = info ? scaleLinear().domain([-info.extent, info.extent]) : null;
  const ticks = Math.max(3, Math.min(5, Math.floor(plot / 45))); // labels such as "−0.5" need ~40 px
  return (
    <Figure
      summary={is2d ? <LiveSummary summarize={(_f, lang) => summarizeDecisionGrid(gridRef.current, info?.step ?? 0, lang)} /> : null}
      title={t('db.title')}
      fileName="decision-boundary"
      className="ns-decision-boundary"
      caption={is2d ? t('db.caption') : undefined}
    >
      <div ref={box}>
        {!is2d && <p className="ns-empty">{t('db.only2d')}</p>}
        {is2d && !info && <p className="ns-empty">{t('db.empty')}</p>}
        {is2d && info && (
          <div className="ns-legend">
            {Array.from({ length: info.classes }, (_, k) => (
              <span key={k}><i style={{ background: classColor(k), height: 10, width: 10, borderRadius: 5, border: '1px solid var(--fg, #000)' }} />{t('db.class', { k })}</span>
            ))}
            <span>{t('chart.step', { step: info.step })}</span>
          </div>
        )}
        {is2d && (
          <div className="ns-db-grid" ref={gridBox} style={{ display: info ? undefined : 'none', position: 'relative' }}>
            {runIds.map((id) => (
              <div key={id}>
                <div className="ns-hist-head"><span style={{ color: runCss(id) }}>■</span> {runName(t, id)}</div>
                <div className="ns-db-panel" style={{ width: size, height: size }}>
                  <canvas
                    ref={(el) => { if (el) canvases.current.set(id, el); else canvases.current.delete(id); }}
                    style={{ width: size, height: size }}
                    aria-hidden="true"
                  />
                  <svg className="chart-svg" width={size} height={size} role="img" aria-label={t('db.panelAria', { run: runName(t, id) })}
                    onPointerMove={hover} onPointerLeave={() => setTip(null)}>
                    {axis && (
                      <>
                        <AxisBottom scale={axis.copy().range([MARGIN.left, MARGIN.left + plot])} y={MARGIN.top + plot} ticks={ticks} />
                        <AxisLeft scale={axis.copy().range([MARGIN.top + plot, MARGIN.top])} x={MARGIN.left} ticks={ticks} />
                      </>
                    )}
                  </svg>
                </div>
              </div>
            ))}
            <Tooltip data={tip} format={(v) => t('db.tipConfidence', { p: v.toFixed(2) })} />
          </div>
        )}
      </div>
    </Figure>
  );
}
