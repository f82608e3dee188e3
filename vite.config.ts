import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { host: '127.0.0.1' },
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['{common,warehouse,seeds,cube,web,scripts}/**/*.test.ts'],
					environment: 'node',
					// a time limit against hangs, not a performance check: on a busy 2-core machine the
					// generator tests that read whole data sets back took over vitest's default 5 s
					testTimeout: 60_000,
				},
			},
			{
				// Integration and browser tests share one real stack (ClickHouse, Cube, web) that the
				// global setup starts once with the `tiny` data set; files run one at a time so they
				// never race on it (this machine has 2 cores).
				extends: true,
				test: {
					name: 'system',
					include: ['tests/{integration,e2e}/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/support/global-setup.ts'],
					fileParallelism: false,
					testTimeout: 120_000,
					hookTimeout: 600_000,
				},
			},
		],
	},
});
