/**
 * ECharts' chunk (echarts.ts: 568 KB, 190 KB gzipped), asked for once per page. A chart component asks for it when it
 * is created — in the browser, while the page hydrates — instead of when it mounts after hydration:
 * the download then overlaps hydration, where it had left the main thread idle for 60–85 ms of a
 * first visit (docs/performance.md, "Numbers without Intl, …"). Not when the component's module is
 * evaluated: /provinces imports the trend chart for its comparison only, and an embed its chart for
 * some datasets only; they would download ECharts on every first visit for nothing.
 */
let loading: Promise<typeof import('./echarts.ts')> | undefined;

export function loadECharts(): Promise<typeof import('./echarts.ts')> {
	loading ??= import('./echarts.ts');
	return loading;
}

/** What a chart component calls as it is created: in the browser, the request starts; on the server, nothing. */
export function prefetchECharts(): void {
	if (typeof window !== 'undefined') void loadECharts();
}
