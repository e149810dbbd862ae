// "Batch norm step by step": Ioffe & Szegedy's Algorithm 1 for one unit, with the live numbers of the
// current mini-batch (frame.bnDetail), and what evaluation mode changes (the running estimates replace
// the batch's mean and variance). The panel shows derived numbers a few times a second (readable, and
// cheap); the frames themselves stay outside React state.
import { useEffect, useId, useRef, useState } from 'react';
import type { BnDetail } from '../telemetry/frame';
import { getApp, useApp } from '../state/app';
import { useT } from '../i18n';
import { bnNumbers, formatEps, formatNum, type BnMode } from './bn-step-numbers';
import { Figure, fillNodes, runName, useVisible } from './histograms-kit';
import { LiveSummary } from './live-summary';
import { summarizeBnStep } from './summaries';

/** Fewest milliseconds between two updates of the shown numbers. */
const UPDATE_MS = 250;

type PanelState =
  | { kind: 'empty' }
  | { kind: 'no-bn' }
  | { kind: 'waiting' }
  | { kind: 'ok'; detail: BnDetail; step: number };

function useBnDetail(visible: React.RefObject<boolean>): PanelState {
  const [state, setState] = useState<PanelState>({ kind: 'empty' });
  useEffect(() => {
    let last = 0;
    let timer = 0;
    let pending: PanelState | null = null;
    const apply = () => {
      timer = 0;
      if (!pending) return;
      if (!visible.current) { timer = window.setTimeout(apply, UPDATE_MS); return; }
      last = performance.now();
      setState(pending);
      pending = null;
    };
    const unsubscribe = getApp().hub.subscribe((f) => {
      if (f.runs.length === 0) pending = { kind: 'empty' };
      else if (!f.runs.some((r) => r.norm === 'batch')) pending = { kind: 'no-bn' };
      else if (!f.bnDetail || f.bnDetail.x.length === 0) pending = { kind: 'waiting' };
      else pending = { kind: 'ok', detail: f.bnDetail, step: f.step };
      if (!timer) timer = window.setTimeout(apply, Math.max(0, UPDATE_MS - (performance.now() - last)));
    });
    return () => { unsubscribe(); if (timer) clearTimeout(timer); };
  }, [visible]);
  return state;
}

/** "− 0.5" for 0.5 and "+ 0.5" for −0.5: the numbers substituted into x − μ. */
const minus = (v: number) => (v < 0 ? `+ ${formatNum(-v)}` : `− ${formatNum(v)}`);
const plus = (v: number) => (v < 0 ? `− ${formatNum(-v)}` : `+ ${formatNum(v)}`);

const Sub = ({ children }: { children: React.ReactNode }) => <sub>{children}</sub>;

export function BnStepByStep({ shown = 6 }: { shown?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const visible = useVisible(ref);
  const state = useBnDetail(visible);
  const hidden = useApp((s) => s.settings.hidden);
  const selected = useApp((s) => s.selected);
  const [mode, setMode] = useState<BnMode>('train');
  const id = useId();
  const t = useT();

  const layer = Math.min(selected.layer, Math.max(0, hidden.length - 1));
  const units = hidden[layer] ?? 1;
  const select = (l: number, u: number) => getApp().store.getState().select(l, Math.min(u, (hidden[l] ?? 1) - 1));

  const controls = (
    <>
      <label className="ns-field" htmlFor={`${id}-layer`}>{t('bn.layer')}</label>
      <select id={`${id}-layer`} value={layer} onChange={(e) => select(Number(e.target.value), selected.unit)}>
        {hidden.map((u, j) => <option key={j} value={j}>{t('chart.units', { layer: j + 1, units: u })}</option>)}
      </select>
      <label className="ns-field" htmlFor={`${id}-unit`}>{t('bn.unit')}</label>
      <select id={`${id}-unit`} value={Math.min(selected.unit, units - 1)} onChange={(e) => select(layer, Number(e.target.value))}>
        {Array.from({ length: units }, (_, u) => <option key={u} value={u}>{u + 1}</option>)}
      </select>
      <span className="ns-segmented" role="radiogroup" aria-label={t('bn.mode')}>
        {(['train', 'eval'] as const).map((m) => (
          <label key={m} className={mode === m ? 'on' : ''}>
            <input type="radio" name={`${id}-mode`} value={m} checked={mode === m} onChange={() => setMode(m)} />
            {m === 'train' ? t('bn.train') : t('bn.eval')}
          </label>
        ))}
      </span>
    </>
  );

  return (
    <Figure
      summary={<LiveSummary summarize={(_f, lang) => summarizeBnStep(state.kind === 'ok' ? state.detail : null, state.kind === 'ok' ? state.step : 0, lang)} />}
      title={t('bn.title')}
      fileName="batch-norm-step-by-step"
      className="ns-bn-step"
      caption={t('bn.caption')}
      controls={controls}
    >
      <div ref={ref}>
        {state.kind === 'empty' && <p className="ns-empty">{t('bn.empty')}</p>}
        {state.kind === 'no-bn' && <p className="ns-empty">{t('bn.noBn')}</p>}
        {state.kind === 'waiting' && <p className="ns-empty">{t('bn.waiting')}</p>}
        {state.kind === 'ok' && <BnBody detail={state.detail} step={state.step} mode={mode} shown={shown} />}
      </div>
    </Figure>
  );
}

export function BnBody({ detail, step, mode, shown }: { detail: BnDetail; step: number; mode: BnMode; shown: number }) {
  const train = bnNumbers(detail, 'train', shown);
  const n = mode === 'train' ? train : bnNumbers(detail, 'eval', shown);
  const evalMode = mode === 'eval';
  const f = formatNum;
  const t = useT();
  const sigma2 = <>σ<sup>2</sup></>;
  const yi = <>y<Sub>i</Sub></>;
  return (
    <div className="ns-bn-body">
      <p className="ns-bn-where">
        {fillNodes(t('bn.where'), {
          layer: detail.layer + 1,
          unit: detail.unit + 1,
          run: detail.run === 'batch' ? t('bn.batchRun') : runName(t, detail.run).toLowerCase(),
          step: step.toLocaleString('en-US') /* the same grouping in both page languages */,
          m: <strong data-testid="bn-m">{train.m}</strong>,
          eps: <strong data-testid="bn-eps">{formatEps(detail.eps)}</strong>,
        })}
      </p>
      <div className="ns-bn-grid">
        <ol className="ns-bn-formulas">
          <li className={evalMode ? 'ns-replaced' : ''}>
            <span className="ns-eq-no">(1)</span>
            μ<Sub>B</Sub> = <span className="ns-frac"><span>1</span><span>m</span></span> Σ<Sub>i=1</Sub><sup>m</sup> x<Sub>i</Sub> ={' '}
            <strong>{f(train.mean)}</strong>
            {evalMode && <span className="ns-now">{fillNodes(t('bn.evalMean'), { symbol: 'μ', value: <strong>{f(n.mean)}</strong> })}</span>}
          </li>
          <li className={evalMode ? 'ns-replaced' : ''}>
            <span className="ns-eq-no">(2)</span>
            σ<Sub>B</Sub><sup>2</sup> = <span className="ns-frac"><span>1</span><span>m</span></span> Σ<Sub>i=1</Sub><sup>m</sup> (x<Sub>i</Sub> − μ<Sub>B</Sub>)<sup>2</sup> ={' '}
            <strong>{f(train.variance)}</strong>
            {evalMode && <span className="ns-now">{fillNodes(t('bn.evalVar'), { symbol: sigma2, value: <strong>{f(n.variance)}</strong> })}</span>}
          </li>
          <li>
            <span className="ns-eq-no">(3)</span>
            x̂<Sub>i</Sub> = (x<Sub>i</Sub> − {evalMode ? 'μ' : <>μ<Sub>B</Sub></>}) / √({evalMode ? <>σ<sup>2</sup></> : <>σ<Sub>B</Sub><sup>2</sup></>} + ε){' '}
            = (x<Sub>i</Sub> {minus(n.mean)}) / √({f(n.variance)} + {formatEps(n.eps)})
            <span className="ns-note" data-testid="bn-xhat-sd">
              {fillNodes(t(n.xhatStd > 0.99 ? 'bn.xhatSd.one' : 'bn.xhatSd.less'), { value: <strong>{f(n.xhatStd)}</strong> })}
            </span>
          </li>
          <li>
            <span className="ns-eq-no">(4)</span>
            y<Sub>i</Sub> = γ x̂<Sub>i</Sub> + β{fillNodes(t('bn.affine'), { gamma: <strong>{f(n.gamma)}</strong>, beta: <strong>{f(n.beta)}</strong> })}{' '}
            y<Sub>i</Sub> = {f(n.gamma)} x̂<Sub>i</Sub> {plus(n.beta)}
            <span className="ns-note">{t('bn.shared')}</span>
          </li>
        </ol>
        <aside className="ns-bn-running" aria-label={t('bn.running')}>
          <h4>{t('bn.running')}</h4>
          <dl>
            <dt>{t('bn.runningMean')}</dt><dd>{f(detail.runningMean)}</dd>
            <dt>{t('bn.runningVar')}</dt><dd>{f(detail.runningVar)}</dd>
            <dt>{t('bn.momentum')}</dt><dd>{detail.momentum}</dd>
          </dl>
          <p className="ns-note">
            {t('bn.update')}{' '}
            {evalMode ? fillNodes(t('bn.evalUses'), { mean: <>μ<Sub>B</Sub></>, variance: <>σ<Sub>B</Sub><sup>2</sup></> }) : t('bn.trainIgnores')}
          </p>
        </aside>
      </div>
      <table className="ns-bn-table">
        <caption>{t(evalMode ? 'bn.tableEval' : 'bn.table', { shown: n.rows.length, m: n.m })}</caption>
        <thead>
          <tr>
            <th scope="col">i</th>
            <th scope="col">x<Sub>i</Sub></th>
            <th scope="col">x̂<Sub>i</Sub></th>
            <th scope="col">{evalMode ? fillNodes(t('bn.colEval'), { y: yi }) : yi}</th>
            {evalMode && <th scope="col">{fillNodes(t('bn.colTrain'), { y: yi })}</th>}
          </tr>
        </thead>
        <tbody>
          {n.rows.map((r, k) => (
            <tr key={r.i}>
              <th scope="row">{r.i}</th>
              <td>{f(r.x)}</td>
              <td>{f(r.xhat)}</td>
              <td className={evalMode ? 'ns-changed' : ''}>{f(r.y)}</td>
              {evalMode && <td>{f(train.rows[k].y)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
