/**
 * Cube 0.33's ClickHouse SQL dialect, with distinct counts that pre-aggregations can hold, on top
 * of the LIKE escaping in clickhouse-query.ts.
 *
 * Each cube that counts people has a hidden measure `people`: the number of distinct people a
 * result row describes (docs/access.md, "Person-level rows"). Where one person can have several
 * rows (several applications, trainings, certification attempts or departures), it must be a
 * distinct count of candidate ids, and Cube only lets a distinct count be rolled up when it is of
 * type `count_distinct_approx`: a pre-aggregation then stores a mergeable state per row, and any
 * coarser query merges the states. 0.33's ClickHouse dialect implements none of this (it throws
 * "not supported by this DB"). Here the state is ClickHouse's `uniqExact`, so the count is exact,
 * not approximate: `uniqExactState` in a pre-aggregation, `uniqExactMerge` over it, `uniqExact`
 * on the facts. Both exist on ClickHouse 18.16 and on current releases.
 */
import { SlmiClickHouseQuery as LiteralLikeQuery } from './clickhouse-query.ts';

/** The dialect Cube uses (server.ts dialectFactory): literal LIKE values (clickhouse-query.ts) and exact people counts. */
export class SlmiClickHouseQuery extends LiteralLikeQuery {
	/** on the facts */
	countDistinctApprox(sql: string): string {
		return `uniqExact(${sql})`;
	}

	/** the state a pre-aggregation stores */
	hllInit(sql: string): string {
		return `uniqExactState(${sql})`;
	}

	/** states merged into a count (Cube's default for hllCardinalityMerge and hllMergeOnly too) */
	hllMerge(sql: string): string {
		return `uniqExactMerge(${sql})`;
	}

	/** one state read as a count */
	hllCardinality(sql: string): string {
		return `finalizeAggregation(${sql})`;
	}
}
