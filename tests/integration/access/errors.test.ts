/**
 * A malformed or unknown query is the asker's mistake: a 4xx with a message that says what is
 * wrong, never a 500, never a stack trace, never a guess (Cube 0.33 reads "yesterdayish" as
 * "yesterday" on its own).
 */
import { describe, expect, it } from 'vitest';
import { tokenFor } from '../../support/cube-client.ts';
import { ask, cube, MINISTER, post, rawGet } from './access-client.ts';

const P = 'placements.placements';
const DATE = 'placements.departure_date';

function clean(body: Record<string, unknown>): void {
	expect(body).not.toHaveProperty('stack');
	expect(JSON.stringify(body)).not.toMatch(/node_modules|\.js:\d+|at Object\./);
}

describe('errors', () => {
	const cases: [string, unknown, RegExp][] = [
		['an unknown member', { measures: ['placements.nope'] }, /'nope' not found for path 'placements.nope'/],
		['an unknown cube', { measures: ['nocube.count'] }, /Cube 'nocube' not found/],
		['a list that is not a list', { measures: 'placements.placements' }, /must be an array/],
		[
			'an unknown filter operator',
			{ measures: [P], filters: [{ member: 'placements.country', operator: 'like', values: ['J%'] }] },
			/unknown filter operator "like"/,
		],
		[
			'a date range Cube would guess at',
			{ measures: [P], timeDimensions: [{ dimension: DATE, dateRange: 'yesterdayish' }] },
			/not "yesterdayish"/,
		],
		[
			'a date that does not exist',
			{ measures: [P], timeDimensions: [{ dimension: DATE, dateRange: ['2024-02-30', '2024-03-31'] }] },
			/date range/,
		],
		[
			'a date range backwards',
			{ measures: [P], timeDimensions: [{ dimension: DATE, dateRange: ['2024-03-01', '2024-01-31'] }] },
			/ends .* before it starts/,
		],
		[
			'a date in another format',
			{ measures: [P], timeDimensions: [{ dimension: DATE, dateRange: ['01/02/2024', '2024-03-31'] }] },
			/YYYY-MM-DD/,
		],
		['a limit above the maximum', { measures: [P], limit: 1_000_000 }, /"limit" must be a whole number from 1 to \d+/],
		['a limit that is not a number', { measures: [P], limit: 'all' }, /"limit"/],
		['an empty query', {}, /should contain either measures, dimensions or timeDimensions/],
	];
	for (const [name, query, message] of cases) {
		it(`answers ${name} with 400 and a message`, async () => {
			const { status, body } = await ask(MINISTER, 'load', query);
			expect(status).toBe(400);
			expect(String(body.error)).toMatch(message);
			clean(body);
		});
	}

	it('accepts the relative date ranges Cube knows', async () => {
		for (const dateRange of [
			'last year',
			'this month',
			'last 12 months',
			'from 2024-01-01 to 2024-03-31',
			['2024-01-01', '2024-03-31'],
			['2024-01-01'],
		]) {
			const { status } = await ask(MINISTER, 'load', { measures: [P], timeDimensions: [{ dimension: DATE, dateRange }] });
			expect(status, JSON.stringify(dateRange)).toBe(200);
		}
	});

	it('answers a query parameter or a body that is not JSON with 400', async () => {
		const token = `Bearer ${await tokenFor(cube, MINISTER)}`;
		const get = await rawGet('load', token, '{"measures":["placements.placements"');
		expect(get.status).toBe(400);
		expect(get.body.error).toBe('The query parameter is not valid JSON');
		const posted = await post(MINISTER, 'load', '{"query": {"measures": [');
		expect(posted.status).toBe(400);
		expect(posted.body.error).toBe('The request body is not valid JSON');
		clean(posted.body);
	});

	it('answers the same checks for the public, before its own rules', async () => {
		const { status, body } = await ask({ role: 'public' }, 'load', {
			measures: ['public_placements.placements'],
			timeDimensions: [{ dimension: 'public_placements.departure_date', dateRange: 'yesterdayish' }],
		});
		expect(status).toBe(400);
		expect(body.error).toMatch(/yesterdayish/);
	});

	it('answers an unknown route with a JSON 404', async () => {
		const res = await rawGet('nothing-here', `Bearer ${await tokenFor(cube, MINISTER)}`);
		expect(res.status).toBe(404);
		expect(res.body.error).toMatch(/Not found/);
	});
});
