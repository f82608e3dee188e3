/**
 * The data version: what changes when a batch lands. Cached answers (result-cache.ts) and the
 * public pages' precomputed answers (public-cache.ts) belong to one version and are dropped when
 * it changes.
 *
 * It is read through Cube's `data_freshness` cube (one row: the committed batches, when the
 * latest was committed, when the rollups were last rebuilt, when the latest batch became visible):
 * the loader commits a batch (ops_batches), the after-load path rebuilds the rollups (ops_rollups),
 * then Cube's pre-aggregations, then marks the batch visible (ops_batch_visibility). The version
 * changes at each of these, so the data "settles" for a while after every change (`settling`):
 * an answer computed between commit and visibility may still be the old one, and the caches keep
 * answers only seconds during that time. Open pages are told at the last mark (data-events.ts).
 *
 * The read is one small Cube query, made at most once per `ttlMs` per web process however many
 * requests ask (single flight), so a batch is noticed within ttlMs plus Cube's own refresh key
 * interval of the cube (1 s).
 */
import { cubeTimeIso } from '../format.ts';
import type { CubeQuery, CubeRow } from './cube.ts';

export interface DataVersion {
	/** opaque: equal strings mean the same data */
	id: string;
	/** when the latest batch was committed (ISO); null before any batch */
	lastLoadedAt: string | null;
	/** when the data last changed (the latest batch or rollup build, ISO), for Last-Modified */
	changedAt: string | null;
	/**
	 * when the latest batch became visible (its rollups and pre-aggregations rebuilt, ISO); null
	 * before any. Open pages are told of new data when this changes (data-events.ts).
	 */
	visibleAt: string | null;
}

export const versionQuery: CubeQuery = {
	measures: ['data_freshness.committed_batches', 'data_freshness.matching_plans'],
	dimensions: [
		'data_freshness.last_loaded_at',
		'data_freshness.rollups_built_at',
		'data_freshness.last_visible_at',
		'data_freshness.forecast_computed_at',
		'data_freshness.matching_run_at',
	],
};

export function versionOf(rows: CubeRow[]): DataVersion {
	const row = rows[0] ?? {};
	const batches = String(row['data_freshness.committed_batches'] ?? '0');
	const loaded = cubeTimeIso(row['data_freshness.last_loaded_at']);
	const rollups = cubeTimeIso(row['data_freshness.rollups_built_at']);
	const visible = cubeTimeIso(row['data_freshness.last_visible_at']);
	// the forecast run is written after the rollups: the Quick Win projection changes with it
	const forecasts = cubeTimeIso(row['data_freshness.forecast_computed_at']);
	// the matching engine stores its run in the background after a load: /matching changes with it
	const matching = cubeTimeIso(row['data_freshness.matching_run_at']);
	// its training plan is stored after the run (minutes later nationally), with no time of its own
	const plans = String(row['data_freshness.matching_plans'] ?? '0');
	const changedAt =
		[loaded, rollups, visible, forecasts, matching]
			.filter((t): t is string => t !== null)
			.sort()
			.at(-1) ?? null;
	return {
		id: `b${batches}.${loaded ?? '-'}.${rollups ?? '-'}.${visible ?? '-'}.${forecasts ?? '-'}.${matching ?? '-'}.p${plans}`,
		lastLoadedAt: loaded,
		changedAt,
		visibleAt: visible,
	};
}

/** The current version, read at most once per ttlMs (and once at a time); null if it cannot be read. */
export class VersionClock {
	private current: { version: DataVersion | null; read: number } | undefined;
	/** when a change was last seen (not the first read after the process started) */
	private changedAt: number | undefined;
	private reading: Promise<DataVersion | null> | undefined;
	private readonly listeners: ((version: DataVersion) => void)[] = [];

	constructor(
		private readonly read: () => Promise<DataVersion>,
		private readonly ttlMs: number,
		private readonly now: () => number = Date.now,
		/** how long after a change answers may still come from the data before it */
		private readonly settleMs = 120_000,
	) {}

	/** Whether the data changed less than settleMs ago (answers are then kept only briefly). */
	settling(): boolean {
		return this.changedAt !== undefined && this.now() - this.changedAt < this.settleMs;
	}

	/** Called with the new version whenever it differs from the last one read. */
	onChange(listener: (version: DataVersion) => void): void {
		this.listeners.push(listener);
	}

	async get(): Promise<DataVersion | null> {
		if (this.current && this.now() - this.current.read < this.ttlMs) return this.current.version;
		this.reading ??= this.refresh().finally(() => {
			this.reading = undefined;
		});
		// Once a version is known, requests never wait for the next read: they use the last one while
		// it is re-read (a slow read of data_freshness made every page wait behind it).
		if (this.current) return this.current.version;
		return this.reading;
	}

	private async refresh(): Promise<DataVersion | null> {
		const before = this.current?.version?.id;
		let version: DataVersion | null;
		try {
			version = await this.read();
		} catch {
			version = null; // no version, no caching: every request asks Cube, as before the cache
		}
		this.current = { version, read: this.now() };
		if (version && before !== undefined && version.id !== before) this.changedAt = this.now();
		if (version && version.id !== before) for (const listener of this.listeners) listener(version);
		return version;
	}
}
