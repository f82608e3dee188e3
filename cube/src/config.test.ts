import { describe, expect, it } from 'vitest';
import { settingsFromEnv } from './config.ts';

const BASE = { CUBEJS_API_SECRET: 'x'.repeat(32), CLICKHOUSE_URL: 'http://127.0.0.1:8123' };

describe('k, the fewest people a result row may describe', () => {
	it('is 5 unless set, and read as a whole number', () => {
		expect(settingsFromEnv(BASE).minPeoplePerRow).toBe(5);
		expect(settingsFromEnv({ ...BASE, SLMI_MIN_PEOPLE_PER_ROW: '8' }).minPeoplePerRow).toBe(8);
	});

	it('stops the server on nonsense rather than serving with a wrong setting', () => {
		for (const bad of ['0', '-5', 'five', '2.5', '1e1', '1001'])
			expect(() => settingsFromEnv({ ...BASE, SLMI_MIN_PEOPLE_PER_ROW: bad }), bad).toThrow(
				/SLMI_MIN_PEOPLE_PER_ROW must be a whole number/,
			);
	});

	it('is at most the public suppression threshold: the public never sees smaller groups than people with a login', () => {
		expect(settingsFromEnv({ ...BASE, SLMI_MIN_PEOPLE_PER_ROW: '10' }).minPeoplePerRow).toBe(10);
		expect(() => settingsFromEnv({ ...BASE, SLMI_MIN_PEOPLE_PER_ROW: '11' })).toThrow(/SLMI_SUPPRESSION_THRESHOLD \(10\) must be at least/);
		expect(() => settingsFromEnv({ ...BASE, SLMI_SUPPRESSION_THRESHOLD: '4' })).toThrow(/at least SLMI_MIN_PEOPLE_PER_ROW \(5\)/);
		expect(settingsFromEnv({ ...BASE, SLMI_SUPPRESSION_THRESHOLD: '5' }).minPeoplePerRow).toBe(5);
	});
});

describe('the playground secret', () => {
	it('stops the serving Cube: Cube 0.33 would accept tokens SLMI refuses (no expiry, no role) signed with it', () => {
		expect(() => settingsFromEnv({ ...BASE, CUBEJS_PLAYGROUND_AUTH_SECRET: 'p'.repeat(32) })).toThrow(
			/CUBEJS_PLAYGROUND_AUTH_SECRET is set/,
		);
		expect(settingsFromEnv({ ...BASE, CUBEJS_PLAYGROUND_AUTH_SECRET: 'p'.repeat(32), SLMI_DIAGNOSTIC_CUBE: 'yes' }).minPeoplePerRow).toBe(
			5,
		);
	});
});
