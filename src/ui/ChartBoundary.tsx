// One view's error boundary: a view that throws shows what went wrong and a Retry button in its own
// place, and the rest of the page goes on. Retry mounts the view afresh (and loads its code again if
// that is what failed).
import { Component, Fragment, type ReactNode } from 'react';
import { type Lang, translate } from '../i18n';
import { forgetFailedLoads } from './lazy-views';
import { viewTitle } from './view-titles';

interface Props { name: string; lang: Lang; children: ReactNode }
interface State { error: string | null; attempt: number }

export class ChartBoundary extends Component<Props, State> {
  override state: State = { error: null, attempt: 0 };
  static getDerivedStateFromError(e: unknown): Partial<State> {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  override componentDidCatch(e: unknown) {
    console.warn(`NormScope: the ${this.props.name} view failed`, e);
  }
  override render() {
    const { error, attempt } = this.state;
    const { lang, name } = this.props;
    if (error !== null) {
      return (
        <figure className="chart-failed" role="alert">
          <figcaption>{translate(lang, 'view.failed', { name: viewTitle(lang, name) })}</figcaption>
          {/* a chunk that did not load (Chromium, Firefox and Safari word it differently) */}
          {/dynamically imported module|importing a module script failed/i.test(error) ? <p className="chart-failed-hint">{translate(lang, 'view.loadFailed')}</p> : null}
          <p>{error}</p>
          <button type="button" onClick={() => { forgetFailedLoads(); this.setState({ error: null, attempt: attempt + 1 }); }}>{translate(lang, 'view.retry')}</button>
        </figure>
      );
    }
    return <Fragment key={attempt}>{this.props.children}</Fragment>;
  }
}
