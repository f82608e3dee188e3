/**
 * Forecasts of demand slots, applications and placements per destination country × sector and
 * nationally (docs/forecasting.md):
 * - model.ts: ETS(A,Ad,A) on log counts, seasonal naive, intervals, year-end simulation (pure);
 * - reconcile.ts, hierarchy.ts: the hierarchy and its reconciliation (pure);
 * - backtest.ts: rolling-origin back-test, MASE / sMAPE / coverage (pure; `npm run bench -- --forecast`);
 * - refresh.ts: refreshForecasts(), from ClickHouse actuals to the stored run;
 * - alerts.ts, refresh-alerts.ts: the early-warning rules (pure) and refreshAlerts() (stored alerts).
 */
export { FORECAST_METHOD_VERSION, type ForecastRun, refreshForecasts } from './refresh.ts';
export { type AlertRun, refreshAlerts } from './refresh-alerts.ts';
