/**
 * One worker thread of generate.ts: builds the plan once, then generates each shard it is sent
 * into part files (no header, named `<shard>-<entity>-<year>.<ext>`) and reports them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FileSink, type Format } from './file-sink.ts';
import { Plan, type Scale } from './plan.ts';
import { Generator, type Shard } from './story.ts';

interface WorkerInput {
	scale: Scale;
	seed: number;
	until: string;
	format: Format;
	partDir: string;
}

const input = workerData as WorkerInput;
const plan = new Plan({ scale: input.scale, until: input.until });
const port = parentPort;
if (!port) throw new Error('shard-worker.ts must run in a worker thread');

port.on('message', (shard: Shard) => {
	void (async () => {
		const sink = new FileSink(input.partDir, input.format, { header: false, prefix: `${shard.index}-` });
		const generator = new Generator(plan, input.seed, sink);
		await generator.runShard(shard);
		const files = await sink.close();
		port.postMessage({ shard: shard.index, files, counts: generator.counts });
	})().catch((error: unknown) => {
		// Rethrown outside the promise so the thread's 'error' event reaches generate.ts.
		setImmediate(() => {
			throw error;
		});
	});
});
