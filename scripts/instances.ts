/**
 * Ports and folders of each local instance of the stack. Demo, tests and benchmark each get their
 * own ClickHouse data folder and ports, so `npm test` can run while `npm start` is serving.
 * SLMI_PORT_OFFSET (0-5000) shifts every port, so several checkouts of the project (each with its
 * own .slmi/ state folder) can run their tests on one machine at the same time. Use multiples of
 * 1000: offsets 100 apart make one checkout's ingest port another's Cube port (14101 = 14001 + 100).
 */
const OFFSET = portOffset(process.env.SLMI_PORT_OFFSET);

function portOffset(raw: string | undefined): number {
	if (raw === undefined || raw === '') return 0;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 0 || n > 5000) throw new Error(`SLMI_PORT_OFFSET must be a whole number from 0 to 5000, not "${raw}"`);
	return n;
}

function shift<T extends Record<string, number>>(ports: T): T {
	return Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, v + OFFSET])) as T;
}
export interface InstancePorts {
	clickhouseHttp: number;
	clickhouseTcp: number;
	clickhouseInterserver: number;
	cube: number;
	web: number;
	ingest: number;
}

/**
 * 'scratch' is a ClickHouse only: the test files that work in scratch databases of their own (the
 * loader's crash, version, limit and HTTP tests) use it, so they run beside the files that share
 * the 'test' stack (vite.config.ts).
 */
export type InstanceName = 'demo' | 'test' | 'bench' | 'scratch';

export const instances: Record<InstanceName, InstancePorts> = {
	demo: shift({ clickhouseHttp: 18123, clickhouseTcp: 19000, clickhouseInterserver: 19009, cube: 14000, web: 3000, ingest: 14100 }),
	test: shift({ clickhouseHttp: 18124, clickhouseTcp: 19001, clickhouseInterserver: 19010, cube: 14001, web: 3001, ingest: 14101 }),
	bench: shift({ clickhouseHttp: 18125, clickhouseTcp: 19002, clickhouseInterserver: 19011, cube: 14002, web: 3002, ingest: 14102 }),
	scratch: shift({ clickhouseHttp: 18126, clickhouseTcp: 19003, clickhouseInterserver: 19012, cube: 14003, web: 3003, ingest: 14103 }),
};

/** Ports of the extra ClickHouse processes the 2-shard cluster test starts. */
export const clusterShardPorts = [
	shift({ clickhouseHttp: 18131, clickhouseTcp: 19031, clickhouseInterserver: 19041 }),
	shift({ clickhouseHttp: 18132, clickhouseTcp: 19032, clickhouseInterserver: 19042 }),
] as const;

/**
 * A second Cube the catalogue test starts on the test warehouse with a playground secret, so /load
 * reports usedPreAggregations. Never the main one: with that secret set, Cube answers every token
 * its own checkAuth refuses with its own 403 "Invalid token" instead of ours.
 */
export const diagnosticCubePort = 14011 + OFFSET;

/**
 * Two web processes and two Cube processes behind a local proxy (scripts/scale-out.ts, issue #13):
 * the bench's second load configuration and its test. The first Cube is the instance's own (the one
 * that builds pre-aggregations); everything else gets its own port.
 */
export interface ScaleOutPorts {
	/** the proxy's one address for browsers: both web processes */
	proxyWeb: number;
	/** the proxy's address for Cube's API clients: both Cubes */
	proxyCube: number;
	/** the web processes */
	webs: readonly [number, number];
	/** the Cubes; the first is the instance's own and the only one that builds pre-aggregations */
	cubes: readonly [number, number];
	/** the proxy's address web process i asks Cube at: Cube i, the other only while Cube i is down */
	cubeFor: readonly [number, number];
}

function scaleOutPorts(instance: 'test' | 'bench', base: Omit<ScaleOutPorts, 'cubes'> & { cube2: number }): ScaleOutPorts {
	return {
		proxyWeb: base.proxyWeb + OFFSET,
		proxyCube: base.proxyCube + OFFSET,
		webs: [base.webs[0] + OFFSET, base.webs[1] + OFFSET],
		cubes: [instances[instance].cube, base.cube2 + OFFSET],
		cubeFor: [base.cubeFor[0] + OFFSET, base.cubeFor[1] + OFFSET],
	};
}

export const scaleOutInstances = {
	test: scaleOutPorts('test', { proxyWeb: 3031, proxyCube: 14031, webs: [3011, 3021], cube2: 14021, cubeFor: [14041, 14051] }),
	bench: scaleOutPorts('bench', { proxyWeb: 3022, proxyCube: 14022, webs: [3012, 3032], cube2: 14012, cubeFor: [14032, 14042] }),
} as const;

/** A web process of its own on the test stack, whose cache counts the kept-answer test reads (tests/integration/web/kept-answer.test.ts). */
export const keptAnswerTestWebPort = 3041 + OFFSET;
