/**
 * The contract between the web and Cube, written from the compiled model: every member the web
 * may query, as TypeScript unions (so a wrong member name fails `npm run check`) and as a table of
 * what each member is (measure / dimension / time, Cube's format, English and Indonesian title).
 * `npm run generate:members` writes it to common/cube-members.generated.ts; members-module.test.ts
 * fails when the checked-in file differs from what the model compiles to.
 *
 * Hidden members (`shown: false`, `meta.internal`, each cube's `access` rule) are left out: the
 * gateway drops them from /meta and the web must not ask for them.
 */
import { fileURLToPath } from 'node:url';
import { compiledModel } from './model-meta.ts';

export const MEMBERS_MODULE = fileURLToPath(new URL('../../common/cube-members.generated.ts', import.meta.url));

interface CompiledMember {
	name: string;
	type: string;
	shortTitle?: string;
	title?: string;
	format?: string;
	isVisible?: boolean;
	meta?: Record<string, unknown>;
}

interface CompiledCube {
	config: { name: string; type?: string; measures?: CompiledMember[]; dimensions?: CompiledMember[] };
}

export interface MemberRow {
	name: string;
	cube: string;
	kind: 'measure' | 'dimension' | 'time';
	type: string;
	format: string | null;
	title: string;
	title_id: string | null;
}

function shown(member: CompiledMember): boolean {
	return member.isVisible !== false && member.meta?.internal !== true;
}

/**
 * The members the web may query, sorted by name so the module changes only when the model does. A
 * view's member has no format of its own in Cube 0.33: it gets the format of the cube member it
 * includes (`aliases`, from model-meta.ts), so `public_quick_win.progress` is a percent like
 * `quick_win.progress`.
 */
export function memberRows(cubes: readonly CompiledCube[], aliases: Readonly<Record<string, string>> = {}): MemberRow[] {
	const formats = new Map<string, string>();
	for (const { config } of cubes) {
		for (const m of [...(config.measures ?? []), ...(config.dimensions ?? [])]) if (m.format) formats.set(m.name, m.format);
	}
	const formatOf = (m: CompiledMember): string | null => {
		if (m.format) return m.format;
		const seen = new Set<string>();
		for (let alias = aliases[m.name]; alias && !seen.has(alias); alias = aliases[alias]) {
			seen.add(alias);
			const format = formats.get(alias);
			if (format) return format;
		}
		return null;
	};
	const rows: MemberRow[] = [];
	for (const { config } of cubes) {
		const row = (m: CompiledMember, kind: MemberRow['kind']): MemberRow => ({
			name: m.name,
			cube: config.name,
			kind,
			type: m.type,
			format: formatOf(m),
			title: m.shortTitle ?? m.title ?? m.name,
			title_id: typeof m.meta?.title_id === 'string' ? m.meta.title_id : null,
		});
		for (const m of config.measures ?? []) if (shown(m)) rows.push(row(m, 'measure'));
		for (const d of config.dimensions ?? []) if (shown(d)) rows.push(row(d, d.type === 'time' ? 'time' : 'dimension'));
	}
	return rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A string literal as Biome writes it: single quotes unless the text holds one and no double quote. */
function quote(s: string): string {
	const escaped = s.replaceAll('\\', '\\\\');
	if (s.includes("'") && !s.includes('"')) return `"${escaped}"`;
	return `'${escaped.replaceAll("'", "\\'")}'`;
}

function union(name: string, doc: string, members: string[]): string {
	if (members.length === 0) return `/** ${doc} */\nexport type ${name} = never;\n`;
	return `/** ${doc} */\nexport type ${name} =\n${members.map((m) => `\t| ${quote(m)}`).join('\n')};\n`;
}

/** The module's text, formatted as Biome formats it (the drift test compares it byte for byte). */
export function renderMembersModule(rows: readonly MemberRow[]): string {
	const names = (kind: MemberRow['kind']) => rows.filter((r) => r.kind === kind).map((r) => r.name);
	const cubes = [...new Set(rows.map((r) => r.cube))].sort();
	const info = rows.map((r) => {
		const fields = [
			`cube: ${quote(r.cube)}`,
			`kind: ${quote(r.kind)}`,
			`type: ${quote(r.type)}`,
			`format: ${r.format === null ? 'null' : quote(r.format)}`,
			`title: ${quote(r.title)}`,
			`title_id: ${r.title_id === null ? 'null' : quote(r.title_id)}`,
		];
		const oneLine = `\t${quote(r.name)}: { ${fields.join(', ')} },`;
		// Biome counts a tab as two columns
		return oneLine.replaceAll('\t', '  ').length <= 140
			? oneLine
			: `\t${quote(r.name)}: {\n${fields.map((f) => `\t\t${f},`).join('\n')}\n\t},`;
	});
	return [
		'// Generated from the compiled Cube model (cube/model) by `npm run generate:members`; do not edit.',
		'// cube/src/members-module.test.ts fails when this file and the model disagree.',
		'',
		union('CubeName', 'Every cube and view the web may query.', cubes),
		union('MeasureMember', 'Measures the web may query.', names('measure')),
		union('DimensionMember', 'Dimensions that are not time dimensions.', names('dimension')),
		union('TimeMember', 'Time dimensions: the only members `timeDimensions` accepts (they are dimensions too).', names('time')),
		'export type CubeMember = MeasureMember | DimensionMember | TimeMember;',
		'',
		'export interface CubeMemberInfo {',
		'\tcube: CubeName;',
		"\tkind: 'measure' | 'dimension' | 'time';",
		"\t/** Cube's type: number, count, sum, string, time, … */",
		'\ttype: string;',
		"\t/** Cube's `format` (percent, currency, number, …), a view's member the format of the cube member it includes; null when the model sets none */",
		'\tformat: string | null;',
		'\ttitle: string;',
		'\ttitle_id: string | null;',
		'}',
		'',
		'export const CUBE_MEMBERS: Readonly<Record<CubeMember, CubeMemberInfo>> = {',
		...info,
		'};',
		'',
	].join('\n');
}

export async function membersModule(): Promise<string> {
	const { cubes, aliases } = await compiledModel();
	return renderMembersModule(memberRows(cubes as unknown as CompiledCube[], aliases));
}
