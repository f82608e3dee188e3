/**
 * The file of the training planner's seat budget (issue #15 §3: "given seats (language courses,
 * certification exams) per province or nationally"): a CSV of budget rows, checked here against the
 * reference data before anything is stored. Storing and reading the versions is budget.ts (kept
 * apart: run.ts imports it, and the web app's bundle reaches run.ts through the officer's detail
 * path, where the reference data's files cannot be read); the command line is budget-cli.ts;
 * docs/matching.md "Setting the seat budget". Without a stored budget — or after `--default` — the
 * planner uses its demo assumption (planner.ts defaultSeats).
 *
 * The file: a header `province,kind,code,seats`, then one row per budget row —
 *   province  a province code of the reference data (e.g. 52), or * for any province (national);
 *   kind      certificate, language, or * for either;
 *   code      a certification scheme code (kind certificate), an ISO 639-1 language code (kind
 *             language), or * for any; with kind * only *;
 *   seats     a whole number from 0 to 1,000,000.
 * A seat (one exam of a scheme, or one course to a level of a language, for a candidate of one
 * province) counts against the one row that covers it: rows that overlap (a seat two rows could
 * cover, e.g. `*,language,ja` and `52,language,*`) are refused, as the planner keeps rows apart.
 */
import { CsvError, parseCsvRecords } from '../../../common/reference/csv.ts';
import { certificationSchemeByCode, languageByCode, provinceByCode } from '../../../common/reference/index.ts';
import type { SeatRow } from './planner.ts';

export const BUDGET_COLUMNS = ['province', 'kind', 'code', 'seats'] as const;
export const MAX_BUDGET_ROWS = 2_000;
export const MAX_SEATS = 1_000_000;

/** Whether a seat could fall under both rows: every field equal, or * on either side. */
function overlap(a: SeatRow, b: SeatRow): boolean {
	const meet = (x: string, y: string) => x === y || x === '*' || y === '*';
	return meet(a.province, b.province) && meet(a.kind, b.kind) && meet(a.code, b.code);
}

const describe = (r: SeatRow) => `${r.province},${r.kind},${r.code}`;

/** A budget file that does not pass its checks; the message names the file, the line and the field. */
export class BudgetError extends Error {}

/**
 * The budget rows of a CSV text (`file` names it in messages). Every problem of the file is
 * reported, one line each, not only the first.
 */
export function parseBudgetCsv(text: string, file: string): SeatRow[] {
	let records: Record<string, string>[];
	try {
		records = parseCsvRecords(text, BUDGET_COLUMNS);
	} catch (error) {
		if (error instanceof CsvError) throw new BudgetError(`${file}: ${error.message}`);
		throw error;
	}
	if (records.length === 0) {
		throw new BudgetError(`${file}: no budget rows after the header (to go back to the default budget, use --default)`);
	}
	if (records.length > MAX_BUDGET_ROWS) throw new BudgetError(`${file}: ${records.length} rows, at most ${MAX_BUDGET_ROWS}`);
	// the file's line of each record: the CSV reader skips blank lines (a budget has no quoted line breaks)
	const filled = text.split(/\r\n|\n|\r/).flatMap((l, i) => (l.trim() === '' ? [] : [i + 1]));
	const lineOf = (index: number) => (filled.length === records.length + 1 ? (filled[index + 1] as number) : index + 2);
	const problems: string[] = [];
	const rows: SeatRow[] = [];
	const lines: number[] = [];
	records.forEach((record, index) => {
		const line = lineOf(index);
		const at = (field: string, message: string) => problems.push(`${file}, line ${line}, field ${field}: ${message}`);
		const province = (record.province ?? '').trim();
		const kind = (record.kind ?? '').trim();
		const code = (record.code ?? '').trim();
		const seatsText = (record.seats ?? '').trim();
		let ok = true;
		if (province !== '*' && !provinceByCode.has(province)) {
			at('province', `'${province}' is not a province code of the reference data (e.g. 52), nor * for any province`);
			ok = false;
		}
		if (kind !== '*' && kind !== 'certificate' && kind !== 'language') {
			at('kind', `'${kind}' is not certificate, language or *`);
			ok = false;
		} else if (code !== '*') {
			if (kind === '*') {
				at('code', `'${code}' needs a kind: with kind * the code must be *`);
				ok = false;
			} else if (kind === 'certificate' && !certificationSchemeByCode.has(code)) {
				at('code', `'${code}' is not a certification scheme code of the reference data`);
				ok = false;
			} else if (kind === 'language' && !languageByCode.has(code)) {
				at('code', `'${code}' is not a language code of the reference data (ISO 639-1, e.g. ja)`);
				ok = false;
			}
		}
		const seats = /^\d{1,7}$/.test(seatsText) ? Number(seatsText) : Number.NaN;
		if (!Number.isInteger(seats) || seats > MAX_SEATS) {
			at('seats', `'${seatsText}' is not a whole number from 0 to ${MAX_SEATS.toLocaleString('en')}`);
			ok = false;
		}
		if (!ok) return;
		// budget rows are separate pools (planner.ts refuses a seat two rows cover): no overlaps
		const row: SeatRow = { province, kind: kind as SeatRow['kind'], code, seats };
		const other = rows.findIndex((r) => overlap(r, row));
		if (other >= 0) {
			at(
				'province',
				`overlaps line ${lines[other]} (${describe(rows[other] as SeatRow)}): each seat must be covered by one row only, so a national row (*) and a province's row of the same kind and code cannot both be given`,
			);
			return;
		}
		lines.push(line);
		rows.push({ province, kind: kind as SeatRow['kind'], code, seats });
	});
	if (problems.length > 0) throw new BudgetError(problems.join('\n'));
	return rows;
}
