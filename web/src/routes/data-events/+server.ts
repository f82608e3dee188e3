import { env } from '$env/dynamic/private';
import { currentDataVersion } from '$lib/server/cube';
import { DataEvents } from '$lib/server/data-events';
import { envNumber } from '$lib/server/result-cache';
import type { RequestHandler } from './$types';

/** One watcher for every open page of this process (data-events.ts). */
const events = new DataEvents(currentDataVersion, {
	pollMs: envNumber(env.SLMI_DATA_VERSION_MS, 1000),
	maxStreams: envNumber(env.SLMI_WEB_EVENT_STREAMS, 2000),
	lifetimeMs: envNumber(env.SLMI_WEB_EVENT_STREAM_SECONDS, 600) * 1000,
	keepAliveMs: 25_000,
});

export const GET: RequestHandler = () => events.open();
