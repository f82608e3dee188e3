import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The cluster test (tests/integration/cluster) compares a two-shard cluster, loaded from the seed
 * files, with the shared test warehouse as the global setup loaded it; the files that push batches
 * through the stack's ingest API change that warehouse. So it runs before every other file, in
 * whatever order vitest would otherwise choose (its order depends on earlier runs' timings).
 */
class ClusterFirst extends BaseSequencer {
	override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
		const sorted = await super.sort(files);
		const cluster = (f: TestSpecification) => f.moduleId.includes('/tests/integration/cluster/');
		return [...sorted.filter(cluster), ...sorted.filter((f) => !cluster(f))];
	}
}

/**
 * Integration files that use nothing of the shared test stack but its ClickHouse server, in
 * databases they create and drop (tests/integration/ingestion/support.ts `scratchWarehouse`).
 */
const SCRATCH_FILES = [
	'tests/integration/ingestion/recovery.test.ts',
	'tests/integration/ingestion/malformed.test.ts',
	'tests/integration/ingestion/http.test.ts',
	'tests/integration/ingestion/enrichment.test.ts',
	'tests/integration/ingestion/limits.test.ts',
	'tests/integration/ingestion/versions.test.ts',
	'tests/integration/ingestion/lock.test.ts',
	'tests/integration/ingestion/scoped-refresh.test.ts',
	'tests/integration/ingestion/after-load-scratch.test.ts',
];

/** Workers of the unit and scratch files (one group, so the same number): this machine's 2 cores. */
const PARALLEL_WORKERS = 2;

export default defineConfig({
	plugins: [sveltekit()],
	server: { host: '127.0.0.1' },
	test: {
		sequence: { sequencer: ClusterFirst },
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
					// two at a time, with the scratch files (below): vitest's default on 2 cores is one
					// worker (cores − 1), which left a core idle while the one-threaded unit files ran
					maxWorkers: PARALLEL_WORKERS,
				},
			},
			{
				// The files that work only in scratch databases of their own, on a ClickHouse of their
				// own: in the same group as the unit files, two files at a time (maxWorkers, the same
				// in both projects so vitest 4 puts them in one group), before the `system` files — a
				// project without file parallelism would join the `system` files' one sequential group
				// and take turns with them, one core mostly idle. Two scratch files may run at once:
				// each works in databases of its own, and their reads of ClickHouse 18.16's catalogue
				// are retried (support.ts, systemCatalogRows). Two vitest processes at once (one beside
				// the `system` files) were tried earlier: 21 min 48 s against 21 min 54 s — the browser
				// files keep both cores busy, so only the phase before them has a core to spare.
				extends: true,
				test: {
					name: 'scratch',
					include: SCRATCH_FILES,
					environment: 'node',
					globalSetup: ['tests/support/scratch-setup.ts'],
					maxWorkers: PARALLEL_WORKERS,
					testTimeout: 120_000,
					hookTimeout: 600_000,
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
					exclude: SCRATCH_FILES,
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
