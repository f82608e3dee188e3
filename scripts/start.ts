/**
 * `npm start`: the whole system with demo data on this machine — the project's own ClickHouse,
 * the national demo data loaded through the real loader (first start only), Cube and the web app
 * — then prints where to open it. Ctrl-C stops everything it started.
 */
import { DEMO_PASSWORD, DEMO_USERS } from '../web/src/lib/server/demo-users.ts';
import { type Scale, startStack } from './stack.ts';

const started = Date.now();
const scale = (process.env.SLMI_SCALE ?? 'national') as Scale;
if (!['tiny', 'national', 'large'].includes(scale)) {
	console.error(`SLMI_SCALE must be tiny, national or large (got '${scale}')`);
	process.exit(1);
}

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--reload-demo');
if (unknown.length > 0) {
	console.error(`npm start: unknown option ${unknown.join(' ')} (the only option is --reload-demo)`);
	process.exit(1);
}
const reloadDemo = args.includes('--reload-demo');

const stack = await startStack({ instance: 'demo', scale, reloadDemo, log: (line) => console.log(`  ${line}`) }).catch((error: Error) => {
	console.error(`\nSLMI could not start:\n${error.message}`);
	process.exit(1);
});

const seconds = ((Date.now() - started) / 1000).toFixed(1);
console.log(`
SLMI is running (started in ${seconds} s).

  Open:      ${stack.web?.url ?? '(web not started)'}   (public page without log-in: ${stack.web?.url ?? ''}/public)
  Cube API:  ${stack.cube?.url ?? '(not started)'}/cubejs-api/v1
  Ingest:    ${stack.ingest?.url ?? '(not started)'}/v1/batches/<entity>   (token in .slmi/secrets.json)
  Warehouse: ${stack.clickhouse.url} (database ${stack.clickhouse.database})

Demo log-ins (password: ${DEMO_PASSWORD}):
${DEMO_USERS.map((u) => `  ${u.username.padEnd(13)} ${u.role.padEnd(9)} ${u.displayName}`).join('\n')}

Press Ctrl-C to stop.
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, async () => {
		if (stopping) return;
		stopping = true;
		console.log('\nStopping SLMI …');
		await stack.stop();
		process.exit(0);
	});
}
