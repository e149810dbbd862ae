// The charts of this module (the page's chart grid takes them from here) and the shared primitives.
export { LossChart } from './loss-chart';
export { AccuracyChart } from './accuracy-chart';
export { PercentilesChart } from './percentiles-chart';
export { LayerMomentsChart } from './layer-moments-chart';
export { GradientsChart } from './gradients-chart';
export { LandscapeChart } from './landscape-chart';
export { runStyle, runColor, themeColors } from './palette';
export { ChartFrame, PlotLayer, EMPTY_TEXT } from './chart-frame';
export { AxisBottom, AxisLeft } from './axes';
export { setupCanvas } from './canvas';
export { useSize } from './use-size';
export { useFrameDraw } from './use-frame-draw';
export { debiasedEma } from './ema';
export { HistogramsChart } from './histograms';
export { DecisionBoundary } from './decision-boundary';
export { ClassificationReport } from './classification-report';
export { BnStepByStep } from './bn-step';
export { Figure1Chart } from './figure1-chart';
