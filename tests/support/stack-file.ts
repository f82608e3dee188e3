/**
 * Where the `system` and `cluster` projects' global setup (global-setup.ts) writes the test stack's
 * addresses once the stack is up, and what it writes.
 */
import { join } from 'node:path';
import type { ProvidedContext } from 'vitest';
import { stateDir } from '../../scripts/stack.ts';

/** the provided values that exist only once the stack has started */
export const STACK_KEYS = ['clickhouse', 'clickhouseUsers', 'cube', 'web', 'webClickHouse', 'ingest'] as const;
export type StackKey = (typeof STACK_KEYS)[number];

export type StackFile = { [K in StackKey]: ProvidedContext[K] } | { error: string };

export const stackFile = (run: string) => join(stateDir, 'test-stack', `${run}.json`);
