import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENTITIES, entitySpecs } from '../../../common/formats.ts';
import { currentSection, docPath, formatSection, normalizeTables } from './format-doc.ts';

describe('normalizeTables', () => {
	it('ignores how a formatter aligns a table', () => {
		expect(normalizeTables('| a | b |\n|---|---|\n| `x` | y \\| z |')).toBe(
			normalizeTables('| a   | b        |\n| --- | -------- |\n| `x` | y \\| z   |'),
		);
		expect(normalizeTables('| a | b |')).not.toBe(normalizeTables('| a | c |'));
	});
});

describe('docs/ingestion.md', () => {
	const doc = readFileSync(docPath, 'utf8');

	it('has the interchange format exactly as common/formats.ts defines it (regenerate: npx tsx warehouse/src/load/format-doc.ts --write)', () => {
		expect(normalizeTables(currentSection(doc))).toBe(normalizeTables(formatSection()));
	});

	it('lists every field of every entity', () => {
		const section = normalizeTables(currentSection(doc));
		for (const e of ENTITIES) for (const f of entitySpecs[e].fields) expect(section).toContain(`| \`${f.name}\` |`);
	});
});
