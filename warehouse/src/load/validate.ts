/**
 * From a parsed record to a staged row: map CSV columns / JSON keys to the entity's fields
 * (common/formats.ts), check each field, then the row rules. A row either comes out as the
 * normal forms of all its fields, in the entity's field order, or as the list of everything
 * wrong with it — all of it at once, so a clerk fixes a row in one go.
 */
import { type Entity, entitySpecs, type FieldSpec } from '../../../common/formats.ts';
import { fieldCheck, type Problem, show } from './fields.ts';
import { rowRules } from './rules.ts';

export interface Issue {
	/** the field concerned, '' for the record as a whole */
	field: string;
	message: string;
}

export interface RowValidator {
	readonly entity: Entity;
	readonly fields: readonly FieldSpec[];
	/** Checks values given in field order (undefined = not delivered); fills `out` with normal forms. */
	check(values: readonly (string | undefined)[], out: string[]): Issue[] | undefined;
}

export function rowValidator(entity: Entity): RowValidator {
	const fields = entitySpecs[entity].fields;
	const checks = fields.map((f) => fieldCheck(f));
	const index = new Map(fields.map((f, i) => [f.name, i]));
	// Each rule bound to its fields' positions once, so checking a row allocates nothing.
	const rules = rowRules[entity].map((rule) => {
		const at = rule.fields.map((name) => {
			const i = index.get(name);
			if (i === undefined) throw new Error(`Rule on ${entity} names unknown field ${name}`);
			return i;
		});
		const [a = 0, b = 0] = at;
		const test: (out: string[]) => string | undefined =
			at.length === 1 ? (out) => rule.test(out[a] as string) : (out) => rule.test(out[a] as string, out[b] as string);
		if (at.length > 2) throw new Error(`Rule on ${entity} reads more than two fields`);
		return { report: rule.report, test };
	});
	return {
		entity,
		fields,
		check(values, out) {
			let issues: Issue[] | undefined;
			for (let i = 0; i < checks.length; i++) {
				const result = (checks[i] as (t: string | undefined) => string | Problem)(values[i]);
				if (typeof result === 'string') {
					out[i] = result;
				} else {
					issues ??= [];
					issues.push({ field: (fields[i] as FieldSpec).name, message: result.message });
				}
			}
			if (issues) return issues;
			for (let r = 0; r < rules.length; r++) {
				const rule = rules[r] as (typeof rules)[number];
				const message = rule.test(out);
				if (message !== undefined) {
					issues ??= [];
					issues.push({ field: rule.report, message });
				}
			}
			return issues;
		},
	};
}

export interface CsvLayout {
	/** for each field (entity order): its column index in the file, or -1 when the column is absent */
	columnOfField: number[];
	columns: number;
}

/** Reads the header row; any problem rejects the whole file. */
export function csvLayout(entity: Entity, header: readonly string[]): { layout?: CsvLayout; issues: Issue[] } {
	const fields = entitySpecs[entity].fields;
	const names = header.map((h) => h.trim());
	const issues: Issue[] = [];
	const seen = new Map<string, number>();
	const known = new Set(fields.map((f) => f.name));
	names.forEach((name, column) => {
		if (!known.has(name)) {
			const lower = name.toLowerCase();
			const hint = known.has(lower) ? ` (did you mean '${lower}'? names are lower case)` : '';
			issues.push({
				field: name,
				message: `unknown column ${show(name)}${hint}; a ${entity} file has the columns ${fields.map((f) => f.name).join(', ')}`,
			});
		} else if (seen.has(name)) {
			issues.push({ field: name, message: `column ${show(name)} appears twice (columns ${(seen.get(name) ?? 0) + 1} and ${column + 1})` });
		} else {
			seen.set(name, column);
		}
	});
	for (const f of fields) {
		if (f.required && !seen.has(f.name)) issues.push({ field: f.name, message: `required column '${f.name}' is missing` });
	}
	if (issues.length) return { issues };
	return { layout: { columnOfField: fields.map((f) => seen.get(f.name) ?? -1), columns: names.length }, issues };
}

/** Puts a CSV record's fields into entity order, or says why its shape is wrong. */
export function csvValues(
	layout: CsvLayout,
	record: readonly string[],
	unterminated: boolean,
	into: (string | undefined)[],
): string | undefined {
	if (record.length !== layout.columns) {
		const cutOff = unterminated && record.length < layout.columns ? ' — the last line has no line break: is the file cut off?' : '';
		return `has ${record.length} field${record.length === 1 ? '' : 's'}, but the header has ${layout.columns} columns${cutOff}`;
	}
	const map = layout.columnOfField;
	for (let i = 0; i < map.length; i++) {
		const c = map[i] as number;
		into[i] = c === -1 ? undefined : record[c];
	}
	return undefined;
}

/** Puts a JSON object's values into entity order as text; unknown keys and non-scalar values are issues. */
export function jsonValues(
	fields: readonly FieldSpec[],
	index: ReadonlyMap<string, number>,
	object: Record<string, unknown>,
	into: (string | undefined)[],
): Issue[] | undefined {
	let issues: Issue[] | undefined;
	into.fill(undefined);
	for (const key in object) {
		const i = index.get(key);
		if (i === undefined) {
			issues ??= [];
			issues.push({ field: key, message: `unknown field ${show(key)}; see docs/ingestion.md for the fields of this entity` });
			continue;
		}
		const value = object[key];
		const spec = fields[i] as FieldSpec;
		if (value === null || value === undefined) continue;
		if (typeof value === 'string') into[i] = value;
		else if (typeof value === 'number' && Number.isFinite(value)) into[i] = String(value);
		else if (Array.isArray(value) && spec.type.kind === 'codes' && value.every((v) => typeof v === 'string')) into[i] = value.join(';');
		else {
			issues ??= [];
			issues.push({
				field: key,
				message: `is ${Array.isArray(value) ? 'a list' : typeof value}; expected ${spec.type.kind === 'codes' ? "a ';'-separated string" : 'a string or number'}`,
			});
		}
	}
	return issues;
}
