/**
 * ECharts' chunk (echarts.ts, ~160 KB), asked for once per page. The chart components ask for it when
 * their module is evaluated in the browser — before the page hydrates — instead of when a chart
 * mounts after hydration: its download then overlaps hydration, where it had left the main thread
 * idle for 60–85 ms of every first visit (docs/performance.md, "Numbers without Intl, …").
 */
let loading: Promise<typeof import('./echarts.ts')> | undefined;

export function loadECharts(): Promise<typeof import('./echarts.ts')> {
	loading ??= import('./echarts.ts');
	return loading;
}
