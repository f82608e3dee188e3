/**
 * Test hook for the exactly-once tests: `SLMI_LOAD_FAIL_AT=<point>` (or `<entity>:<point>`) makes
 * the loader process kill itself with SIGKILL at that point — no cleanup, no lock release, like a
 * power cut — so the tests can prove that the next run recovers. Never set in production.
 */
import type { Entity } from '../../../common/formats.ts';

export const CRASH_POINTS = ['after-stage', 'after-plan', 'mid-publish', 'before-commit', 'after-commit'] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

export function crashPoint(point: CrashPoint, entity: Entity): void {
	const wanted = process.env.SLMI_LOAD_FAIL_AT;
	if (!wanted) return;
	if (wanted === point || wanted === `${entity}:${point}`) {
		process.stderr.write(`SLMI_LOAD_FAIL_AT=${wanted}: killing the loader now (test hook)\n`);
		process.kill(process.pid, 'SIGKILL');
	}
}
