import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

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
	'tests/integration/ingestion/new-lines-refresh.test.ts',
];

/** The two-shard cluster against the shared test warehouse as loaded (the `cluster` project, below). */
const CLUSTER_FILES = ['tests/integration/cluster/**/*.test.ts'];

/**
 * Vitest's order (longest first, by the last run's durations or, on a fresh clone, by size), with the
 * cluster files last: they wait for the test stack, which starts in the background while the unit and
 * scratch files run (tests/support/global-setup.ts), so a worker given them first would sit idle.
 */
class ClusterLast extends BaseSequencer {
	override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
		const sorted = await super.sort(files);
		const cluster = (spec: TestSpecification) => spec.project.name === 'cluster';
		return [...sorted.filter((spec) => !cluster(spec)), ...sorted.filter(cluster)];
	}
}

/** A change to one file of SvelteKit's server runtime, made as the app is built (kitServerPatches). */
interface KitPatch {
	/** the file under @sveltejs/kit/src/runtime/server/ */
	file: string;
	/** the text replaced, exactly as Kit 2.70 writes it */
	from: string;
	to: string;
}

const KIT_PATCHES: KitPatch[] = [
	/*
	 * SvelteKit gives every rendered page an ETag, a hash of its whole HTML: 0.3 ms of CPU for a
	 * 55 KB page, on every request. A page for a logged-in user (or a visitor's own profile) is
	 * `private, no-store` (security-headers.ts): no cache keeps it, so no browser ever asks for it
	 * again with the tag. Such pages (`locals.personal`, hooks.server.ts) are rendered without it;
	 * every other page keeps its ETag and SvelteKit's 304.
	 */
	{
		file: 'page/render.js',
		// a template literal in Kit's source, so built here from its parts
		from: ["headers.set('etag', `\"$", '{hash(transformed)}"`);'].join(''),
		to: ["if (!event.locals.personal) headers.set('etag', `\"$", '{hash(transformed)}"`);'].join(''),
	},
	/*
	 * The content policy allows a page's inline script by its SHA-256 (svelte.config.js, csp
	 * 'hash'); the script carries the page's data, 10–25 KB. Kit hashes it in JavaScript (page/crypto.js,
	 * written to run anywhere); Node's own SHA-256 gives the same base64 digest of the same UTF-8
	 * bytes for a fraction of the CPU. Kit's function stays, unused, under another name.
	 */
	{
		file: 'page/crypto.js',
		from: 'export function sha256(data) {',
		to: "import { createHash } from 'node:crypto';\nexport function sha256(data) {\n\treturn createHash('sha256').update(data, 'utf8').digest('base64');\n}\nexport function sha256_in_javascript(data) {",
	},
];

/**
 * Kit has no option for either change above: they are made to its source as the server is built,
 * and the build fails, rather than silently doing the work again, if a Kit upgrade changes a line.
 */
function kitServerPatches(): Plugin {
	return {
		name: 'slmi-kit-server-patches',
		transform(code, id) {
			const path = id.replaceAll('\\', '/');
			const patches = KIT_PATCHES.filter((p) => path.endsWith(`@sveltejs/kit/src/runtime/server/${p.file}`));
			for (const patch of patches) {
				if (!code.includes(patch.from))
					this.error(`SvelteKit's ${patch.file} no longer has ${patch.from}: see KIT_PATCHES in vite.config.ts`);
				code = code.replace(patch.from, patch.to);
			}
			return patches.length > 0 ? { code, map: null } : null;
		},
	};
}

/** Workers of the unit, scratch and cluster files (one group, so the same number): this machine's 2 cores. */
const PARALLEL_WORKERS = 2;

export default defineConfig({
	// SvelteKit's plugin, for `vite build` and the web app's unit tests (`$env`); on the projects that
	// need none of it, it cost nothing measurable (given to a `web` project alone, a start still took
	// the same CPU; tests/README.md), so it stays here for all.
	plugins: [kitServerPatches(), sveltekit()],
	server: { host: '127.0.0.1' },
	test: {
		sequence: { sequencer: ClusterLast },
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
				// The cluster test (tests/integration/cluster) compares a two-shard cluster, loaded from
				// the seed files, with the shared test warehouse as the global setup loaded it; the
				// `system` files that push batches through the stack's ingest API change that warehouse.
				// In the parallel group (the same maxWorkers) it runs before every `system` file, as it
				// must, and beside the unit and scratch files rather than alone: it works mostly in two
				// ClickHouse servers of its own. Its global setup is the `system` project's, which starts
				// the one stack both projects share (tests/support/global-setup.ts). Listed before `scratch`:
				// vitest runs the projects' global setups one after another in this order, and this one
				// returns as soon as the stack's start is under way, so the scratch ClickHouse starts beside it.
				extends: true,
				test: {
					name: 'cluster',
					include: CLUSTER_FILES,
					environment: 'node',
					globalSetup: ['tests/support/global-setup.ts'],
					// waits until the stack the global setup starts in the background is up
					setupFiles: ['tests/support/stack-ready.ts'],
					maxWorkers: PARALLEL_WORKERS,
					testTimeout: 120_000,
					hookTimeout: 600_000,
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
					exclude: [...SCRATCH_FILES, ...CLUSTER_FILES],
					environment: 'node',
					globalSetup: ['tests/support/global-setup.ts'],
					setupFiles: ['tests/support/stack-ready.ts'],
					fileParallelism: false,
					// One process and one module cache for all of them, one file after the other: with a
					// fresh process per file (vitest's default) each of ~60 files imported playwright, the
					// ClickHouse client and the project's modules again (about 45 s of a CI run). No file
					// changes a module's state that another reads: setup files still run before each file
					// (stack-ready.ts), each file opens and closes its own connections and browser contexts,
					// and `openAs` keeps its log-ins per file (support/journey.ts).
					isolate: false,
					// …which vitest 4 puts in a group of its own only when it is isolated: without isolation
					// it needs an order of its own, after the parallel group (0) of the unit, scratch and
					// cluster files, as before (otherwise: "different 'maxWorkers' but same groupOrder")
					sequence: { groupOrder: 1 },
					testTimeout: 120_000,
					hookTimeout: 600_000,
				},
			},
		],
	},
});
