import type { ClickHouseEndpoint } from '../../warehouse/src/endpoint.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		clickhouse: ClickHouseEndpoint;
		/** Cube's base URL and the secret tests sign their own tokens with */
		cube: { url: string; apiSecret: string } | null;
		web: { url: string } | null;
		/** the HTTP ingest API and its bearer token */
		ingest: { url: string; token: string } | null;
	}
}
