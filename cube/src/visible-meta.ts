/**
 * Cube 0.33's gateway filters the whole compiled model down to its visible members on every
 * /load (for the answer's annotation) and /meta, and reads CUBEJS_DEV_MODE through env-var once
 * per member while doing it: with the model's ~1,000 members that was 45 % of Cube's CPU per
 * /load (docs/performance.md, "Cube per-request overhead"). The filtered list depends only on the
 * compiled model's meta (a new object after each recompile) and on whether every member is shown
 * (dev mode, or a token signed with the playground secret); it does not depend on the role, whose
 * rules run afterwards (access.ts visibleCubes, queryRewrite). So it is computed once per pair and
 * frozen, so no request can change what the next one gets.
 */
import { createRequire } from 'node:module';

// The copy of Cube's shared helpers the gateway itself reads its settings with.
const requireFromGateway = createRequire(createRequire(import.meta.url).resolve('@cubejs-backend/api-gateway'));
const { getEnv } = requireFromGateway('@cubejs-backend/shared') as { getEnv(key: 'devMode'): boolean };

export interface GatewayContext {
	signedWithPlaygroundAuthSecret?: boolean;
}
/** The gateway's filter: (request context, the compiled model's meta) → the visible part. */
export type VisibleMetaFilter = (context: GatewayContext, meta: readonly object[]) => readonly object[];

/** Whether Cube shows hidden members to this request (its own rule: dev mode or the playground secret). */
function showsHidden(context: GatewayContext): boolean {
	return getEnv('devMode') || Boolean(context.signedWithPlaygroundAuthSecret);
}

function freezeFiltered(cubes: readonly object[]): readonly object[] {
	for (const cube of cubes) {
		const config = (cube as { config?: Record<string, unknown> }).config;
		if (config) {
			for (const list of Object.values(config)) if (Array.isArray(list)) Object.freeze(list);
			Object.freeze(config);
		}
		Object.freeze(cube);
	}
	return Object.freeze(cubes);
}

/** `filter`, computed once per compiled meta and per "shows hidden members". */
export function memoizeVisibleMeta(filter: VisibleMetaFilter): VisibleMetaFilter {
	const computed = new WeakMap<readonly object[], Map<boolean, readonly object[]>>();
	return (context, meta) => {
		const key = showsHidden(context);
		let perMeta = computed.get(meta);
		if (!perMeta) {
			perMeta = new Map();
			computed.set(meta, perMeta);
		}
		let visible = perMeta.get(key);
		if (!visible) {
			visible = freezeFiltered(filter(context, meta));
			perMeta.set(key, visible);
		}
		return visible;
	};
}

/**
 * Replaces a Cube gateway's per-request filter with the memoised one. `filterVisibleItemsInMeta`
 * is a private method of Cube 0.33.65's ApiGateway (gateway.js); after an upgrade, check that it
 * still exists and still depends only on these inputs (the test beside this file reads Cube's).
 */
export function memoizeGatewayVisibleMeta(gateway: object): void {
	const target = gateway as { filterVisibleItemsInMeta?: VisibleMetaFilter };
	const own = target.filterVisibleItemsInMeta;
	if (typeof own !== 'function') throw new Error("Cube's gateway has no filterVisibleItemsInMeta: check visible-meta.ts against this Cube");
	target.filterVisibleItemsInMeta = memoizeVisibleMeta(own.bind(gateway));
}
