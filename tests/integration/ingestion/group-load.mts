/**
 * A loader process for the group-commit crash tests (group-commit.test.ts): loads the given files
 * as ONE load of pushes (loadBatches, as the ingest API loads the pushes that waited for the lock),
 * so SLMI_LOAD_FAIL_AT can kill it in the middle of a group. Connection: GROUP_LOAD_ENDPOINT (JSON).
 *
 *   node --import tsx tests/integration/ingestion/group-load.mts <entity> <file> …
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Entity } from '../../../common/formats.ts';
import { connect } from '../../../warehouse/src/client.ts';
import { loadBatches } from '../../../warehouse/src/load/index.ts';

const [entity, ...files] = process.argv.slice(2);
const db = connect(JSON.parse(process.env.GROUP_LOAD_ENDPOINT ?? '{}'));
try {
	const reports = await loadBatches(
		db,
		files.map((f) => ({ entity: entity as Entity, body: readFileSync(f), format: 'csv' as const, source: `http test ${basename(f)}` })),
		{ log: (line) => process.stderr.write(`${line}\n`) },
	);
	process.stdout.write(`${JSON.stringify(reports.map((r) => ({ status: r.status, counts: r.counts })))}\n`);
} finally {
	await db.close();
}
