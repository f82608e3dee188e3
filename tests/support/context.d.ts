import type { ClickHouseEndpoint, ClickHouseUsers } from '../../warehouse/src/endpoint.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		/** the admin's endpoint: tests set up and check with full rights */
		clickhouse: ClickHouseEndpoint;
		/** every component's ClickHouse user, for the tests of their rights */
		clickhouseUsers: ClickHouseUsers;
		/** Cube's base URL and the secret tests sign their own tokens with */
		cube: { url: string; apiSecret: string } | null;
		web: { url: string } | null;
		/** the ClickHouse users the web app was given: its detail reader and its writer */
		webClickHouse: { reader: ClickHouseEndpoint; writer: ClickHouseEndpoint } | null;
		/** the HTTP ingest API and its bearer token */
		ingest: { url: string; token: string } | null;
		/** the global setup's run: names the file its stack's addresses are written to (stack-ready.ts) */
		stackRun: string;
		/** the WebSocket address of the one Chromium the browser files share (tests/support/browser.ts) */
		browser: string;
	}
}
