// The entry of every TypeScript worker thread (ts-worker.ts, tsWorker): its last argv is the module's
// file URL, loaded through tsx's API (Node 20 does not pass the main thread's `--import tsx` on).
import { tsImport } from 'tsx/esm/api';

await tsImport(process.argv[process.argv.length - 1], import.meta.url);
