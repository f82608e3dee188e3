// Modules the build makes (vite.config.ts); an ambient file, so these are declarations, not augmentations.
declare module 'virtual:slmi/echarts-chunk' {
	/** the client's ECharts chunk, `/_app/immutable/chunks/….js` (vite.config.ts, echartsChunkUrl); undefined when not built */
	export const echartsChunk: string | undefined;
}
