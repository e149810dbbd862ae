// The charts the page's grid shows at once (src/ui/Views.tsx takes them from here) and the shared
// primitives. The views loaded on demand (bn-step, landscape-chart, fold-panel, renorm-chart,
// decision-boundary, figure1-chart, sweep-chart) are imported by path with import(), never from here:
// a static re-export would pull them back into the first page's JavaScript.
export { LossChart } from './loss-chart';
export { AccuracyChart } from './accuracy-chart';
export { PercentilesChart } from './percentiles-chart';
export { LayerMomentsChart } from './layer-moments-chart';
export { GradientsChart } from './gradients-chart';
export { runStyle, runColor, themeColors } from './palette';
export { ChartFrame, PlotLayer, EMPTY_TEXT } from './chart-frame';
export { AxisBottom, AxisLeft } from './axes';
export { setupCanvas } from './canvas';
export { useSize } from './use-size';
export { useFrameDraw } from './use-frame-draw';
export { debiasedEma } from './ema';
export { HistogramsChart } from './histograms';
export { ClassificationReport } from './classification-report';
