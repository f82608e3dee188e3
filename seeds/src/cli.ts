/**
 * Command line for the generator:
 *
 *   npx tsx seeds/src/cli.ts --scale tiny --until 2026-11-15 --out /tmp/x [--format ndjson] [--seed 7]
 *   npx tsx seeds/src/cli.ts --scale national --until 2026-11-15 --stats    # calibration figures, no files
 *
 * Prints rows per entity, rows per second and peak memory (resident set size).
 */
import { parseArgs } from 'node:util';
import { ENTITIES } from '../../common/formats.ts';
import { CalibrationSink } from './calibration-sink.ts';
import { generate, generateRows, type Scale } from './generate.ts';

const { values } = parseArgs({
	options: {
		scale: { type: 'string', default: 'tiny' },
		until: { type: 'string' },
		out: { type: 'string' },
		format: { type: 'string', default: 'csv' },
		seed: { type: 'string' },
		stats: { type: 'boolean', default: false },
		help: { type: 'boolean', default: false },
	},
});

function usage(): never {
	console.error('usage: cli.ts --scale tiny|national|large --until YYYY-MM-DD (--out DIR [--format csv|ndjson] | --stats) [--seed N]');
	process.exit(2);
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

async function main(): Promise<void> {
	if (values.help || !values.until) usage();
	const scale = values.scale as Scale;
	const seed = values.seed === undefined ? undefined : Number(values.seed);
	if (values.stats) {
		const sink = new CalibrationSink();
		const started = process.hrtime.bigint();
		const counts = await generateRows({ scale, seed, until: values.until }, sink);
		const seconds = Number(process.hrtime.bigint() - started) / 1e9;
		console.log(JSON.stringify({ counts, seconds, ...sink.summary() }, null, 2));
		return;
	}
	if (!values.out) usage();
	const format = values.format === 'ndjson' ? 'ndjson' : values.format === 'csv' ? 'csv' : usage();
	const report = await generate({ scale, seed, until: values.until, outDir: values.out, format });
	const width = Math.max(...ENTITIES.map((e) => e.length));
	for (const e of ENTITIES) console.log(`${e.padEnd(width)}  ${report.rows[e].toLocaleString('en-US').padStart(12)}`);
	console.log(`${'total'.padEnd(width)}  ${report.totalRows.toLocaleString('en-US').padStart(12)}`);
	console.log(`files: ${report.files.length} + manifest.json in ${report.options.outDir}`);
	console.log(`time: ${report.seconds.toFixed(2)} s — ${Math.round(report.rowsPerSecond).toLocaleString('en-US')} rows/s`);
	console.log(`peak memory (RSS): ${mb(report.peakRssBytes)}`);
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
