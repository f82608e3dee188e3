import { describe, expect, it } from 'vitest';
import { isDetailPath, isEmbeddablePath, isOfficerPath, isOpenPath, safeNext } from './open-paths.ts';

describe('isOpenPath', () => {
	it('opens the public pages, embeds, log-in and static assets', () => {
		for (const path of [
			'/public',
			'/public/data/placements.csv',
			'/embed/placements-trend',
			'/login',
			'/geo/provinces.topo.json',
			'/_app/x.js',
		]) {
			expect(isOpenPath(path), path).toBe(true);
		}
	});

	it('keeps internal pages closed, including look-alike paths', () => {
		for (const path of ['/', '/markets', '/provinces/52', '/matching', '/publicity', '/login-as-admin', '/embedded']) {
			expect(isOpenPath(path), path).toBe(false);
		}
	});
});

describe('isEmbeddablePath', () => {
	it('lets only /embed pages be framed', () => {
		expect(isEmbeddablePath('/embed')).toBe(true);
		expect(isEmbeddablePath('/embed/placements-by-month')).toBe(true);
		for (const path of ['/', '/public', '/embedded', '/login', '/public/embed/x', '/Embed/x']) {
			expect(isEmbeddablePath(path), path).toBe(false);
		}
	});
});

describe('safeNext', () => {
	const origin = 'http://127.0.0.1:3001';

	it('keeps a path on this site, with its query and fragment', () => {
		for (const next of [
			'/',
			'/markets',
			'/markets?year=2025&lang=en',
			'/provinces/52?regency=52.01',
			'/markets/SA#top',
			'/public?country=SA,MY',
		]) {
			expect(safeNext(next, origin), next).toBe(next);
		}
	});

	it('resolves dot segments the way a browser would, and checks the result', () => {
		expect(safeNext('/a/../markets', origin)).toBe('/markets');
		expect(safeNext('/../', origin)).toBe('/');
		expect(safeNext('/.//evil.example', origin)).toBe('/');
		expect(safeNext('/./\\evil.example', origin)).toBe('/');
		expect(safeNext('/x/..//evil.example', origin)).toBe('/');
		expect(safeNext('/%2e%2e/%2e/%2F/evil.example', origin)).toBe('/');
	});

	it('sends every other spelling to the overview', () => {
		for (const next of [
			null,
			undefined,
			'',
			'/\\evil.example',
			'/\t/evil.example',
			'/\n/evil.example',
			'/\r/evil.example',
			'/ /evil.example',
			'/\u3000/evil.example',
			'/\u00a0/evil.example',
			'/\u0000/evil.example',
			'/\u007f/evil.example',
			'/\\/evil.example',
			'\\\\evil.example',
			'\\/evil.example',
			'//evil.example',
			'///evil.example',
			'/%2F%2Fevil.example',
			'/%2f/evil.example',
			'/%5Cevil.example',
			'/%5cevil.example',
			'/%255Cevil.example',
			'/%25255Cevil.example',
			'/%09/evil.example',
			'/%0a/evil.example',
			'/%20/evil.example',
			'/%00',
			'/%',
			'/%E0%A4%A',
			'https:evil.example',
			'https://evil.example',
			'http:/evil.example',
			'HTTPS://evil.example',
			'javascript:alert(1)',
			' /markets',
			'evil.example',
			'./markets',
			'?next=//evil',
			`/${'a'.repeat(3000)}`,
		]) {
			expect(safeNext(next, origin), JSON.stringify(next)).toBe('/');
		}
	});
});

describe('officer and detail paths', () => {
	it('tells the officer pages and the person-level detail apart', () => {
		expect(isOfficerPath('/officer')).toBe(true);
		expect(isOfficerPath('/officer/lines/JL1')).toBe(true);
		expect(isOfficerPath('/officers')).toBe(false);
		expect(isDetailPath('/officer')).toBe(false);
		expect(isDetailPath('/officer/candidates/C1')).toBe(true);
		expect(isDetailPath('/audit')).toBe(true);
		expect(isDetailPath('/auditor')).toBe(false);
	});
});
