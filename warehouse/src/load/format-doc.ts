/**
 * Writes the interchange-format section of docs/ingestion.md from common/formats.ts and the row
 * rules, so the document people send files by cannot drift from what the loader accepts (a
 * test, format-doc.test.ts, fails when it has). Regenerate after changing either:
 *
 *   npx tsx warehouse/src/load/format-doc.ts --write
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENTITIES, type EntitySpec, entitySpecs, type FieldType } from '../../../common/formats.ts';
import { referenceList } from './fields.ts';
import { MAX_FIELD_CHARS } from './limits.ts';
import { rowRules } from './rules.ts';

export const docPath = fileURLToPath(new URL('../../../docs/ingestion.md', import.meta.url));
export const BEGIN = '<!-- BEGIN GENERATED: interchange format (npx tsx warehouse/src/load/format-doc.ts --write) -->';
export const END = '<!-- END GENERATED: interchange format -->';

const n = (x: number) => x.toLocaleString('en');

function typeText(type: FieldType): string {
	switch (type.kind) {
		case 'id':
			return 'id: 1–64 of `A–Z a–z 0–9 . _ -`';
		case 'date':
			return 'date `YYYY-MM-DD`';
		case 'datetime':
			return 'date-time, UTC: `YYYY-MM-DDTHH:MM:SSZ` or `YYYY-MM-DD HH:MM:SS`';
		case 'int':
			return `whole number ${n(type.min)}–${n(type.max)}`;
		case 'decimal':
			return `number ${n(type.min)}–${n(type.max)}, \`.\` as decimal point`;
		case 'enum':
			return `one of ${type.values.map((v) => `\`${v}\``).join(', ')}`;
		case 'code': {
			const list = referenceList(type.list);
			return `${list.noun}${list.standard ? ` (${list.standard})` : ''}, e.g. \`${list.example}\``;
		}
		case 'codes': {
			const list = referenceList(type.list);
			return `up to ${type.max} ${list.noun}s separated by \`;\`, e.g. \`${list.example}\``;
		}
	}
}

function entitySection(spec: EntitySpec): string {
	const lines = [
		`### ${spec.entity}`,
		'',
		spec.description,
		'',
		`- file names: \`${spec.entity}.csv\`, \`${spec.entity}-<anything>.csv\` (or \`.ndjson\`, \`.jsonl\`, optionally \`.gz\`)`,
		`- key: \`${spec.key}\` — one row per key; version: \`${spec.version}\`; lands in \`${spec.table}\`, partitioned by the month of \`${spec.partitionDate}\``,
		`- refers to: ${spec.dependsOn.length ? spec.dependsOn.map((e) => `\`${e}\``).join(', ') : 'nothing'}`,
		'',
		'| field | required | type | meaning |',
		'|---|---|---|---|',
		...spec.fields.map(
			(f) => `| \`${f.name}\` | ${f.required ? 'yes' : 'no'} | ${typeText(f.type)} | ${f.description.replace(/\|/g, '\\|')} |`,
		),
	];
	const rules = rowRules[spec.entity];
	if (rules.length) {
		lines.push('', 'Rules across fields of a row:', '', ...rules.map((r) => `- ${r.doc}`));
	}
	return lines.join('\n');
}

/** The generated section, markers included. */
export function formatSection(): string {
	return [
		BEGIN,
		'',
		`Every field is text in CSV; in NDJSON a string, or a number for number fields (\`null\` or a missing key = empty). Empty optional fields are allowed; surrounding spaces are ignored; no field may be longer than ${n(MAX_FIELD_CHARS)} characters.`,
		'',
		...ENTITIES.map((e) => entitySection(entitySpecs[e])).flatMap((s) => [s, '']),
		END,
	].join('\n');
}

function bounds(doc: string): [number, number] {
	const start = doc.indexOf(BEGIN);
	const end = doc.indexOf(END);
	if (start === -1 || end === -1) throw new Error(`${docPath} lacks the generated-section markers`);
	return [start, end + END.length];
}

/** The document with its generated section replaced. */
export function withSection(doc: string): string {
	const [start, end] = bounds(doc);
	return `${doc.slice(0, start)}${formatSection()}${doc.slice(end)}`;
}

/** The generated section as it stands in the document. */
export function currentSection(doc: string): string {
	const [start, end] = bounds(doc);
	return doc.slice(start, end);
}

/**
 * Markdown with table cells trimmed and separator rows reduced to `---`: a formatter that aligns
 * the tables (Prettier, Biome) changes nothing that matters.
 */
export function normalizeTables(markdown: string): string {
	return markdown
		.split('\n')
		.map((line) => {
			if (!line.startsWith('|')) return line.trimEnd();
			const cells = line
				.slice(1, line.trimEnd().endsWith('|') ? line.trimEnd().length - 1 : undefined)
				.split(/(?<!\\)\|/)
				.map((c) => c.trim());
			return `| ${cells.map((c) => (/^:?-+:?$/.test(c) ? '---' : c)).join(' | ')} |`;
		})
		.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && process.argv.includes('--write')) {
	writeFileSync(docPath, withSection(readFileSync(docPath, 'utf8')));
	console.log(`Updated the interchange-format section of ${docPath}`);
}
