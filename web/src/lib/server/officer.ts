/**
 * The officer's audited detail path (docs/access.md "Officers"): person-level rows (pseudonymous
 * candidate ids) are served here, server-side, and nowhere else — no cube reads them, so no Cube
 * token of any role reaches them through /load, /sql or /dry-run. Each view:
 * 1. is refused (403) unless the session's role is officer (with a province);
 * 2. refuses an id that is not a plain id (404) before anything is read or written;
 * 3. writes its audit row (who, role, province, which line or candidate, when) — no row, no data;
 * 4. reads the data limited to the officer's province (the province comes from the server's user
 *    table, never from the request).
 * The minister reads the audit (newest first) through readAuditFor.
 * The data is read as the web's reader (read-only, the detail tables only) and the audit written
 * and read as the web's writer (the audit database only): web-clickhouse.ts.
 */
import { error } from '@sveltejs/kit';
import type { Warehouse } from '../../../../warehouse/src/client.ts';
import {
	type AuditRow,
	type CandidateDetail,
	candidateDetail,
	DETAIL_ID,
	type LineDetail,
	type LineSummary,
	lineDetail,
	openLines,
	readAudit,
	recordView,
	type Subject,
} from '../../../../warehouse/src/matching/detail.ts';
import type { User } from './session.ts';
import { webClickHouse } from './web-clickhouse.ts';

export interface Officer {
	username: string;
	role: 'officer';
	province: string;
}

/** The session's officer, or 403 for every other role (and for a session without one). */
export function requireOfficer(user: User | undefined): Officer {
	if (user?.role !== 'officer' || !user.province) error(403, 'Candidate detail is for placement officers only');
	return { username: user.username, role: 'officer', province: user.province };
}

function checkId(id: string): string {
	if (!DETAIL_ID.test(id)) error(404, 'Not found');
	return id;
}

/** `?page=` of a detail view: absent = 1; anything but a whole number 1–999,999 is not found. */
function checkPage(page: string | null): number {
	if (page === null) return 1;
	if (!/^[1-9][0-9]{0,5}$/.test(page)) error(404, 'Not found');
	return Number(page);
}

async function audited<T>(officer: Officer, subject: Subject, id: string, read: (db: Warehouse) => Promise<T | undefined>): Promise<T> {
	// both connections first (503 when either is missing), then the audit row: when it cannot be
	// written, nothing is read
	const reader = webClickHouse('reader');
	await recordView(webClickHouse('writer'), officer, subject, id);
	const detail = await read(reader);
	if (detail === undefined) error(404, 'Not found');
	return detail;
}

/** An open line's candidates of the officer's province, one page of them (audited). */
export function viewLine(user: User | undefined, lineId: string, page: string | null = null): Promise<LineDetail> {
	const officer = requireOfficer(user);
	const id = checkId(lineId);
	const p = checkPage(page);
	return audited(officer, 'line', id, (warehouse) => lineDetail(warehouse, id, officer.province, { page: p }));
}

/** A candidate of the officer's province and the lines they fit (audited); 404 for another province's. */
export function viewCandidate(user: User | undefined, candidateId: string, page: string | null = null): Promise<CandidateDetail> {
	const officer = requireOfficer(user);
	const id = checkId(candidateId);
	const p = checkPage(page);
	return audited(officer, 'candidate', id, (warehouse) => candidateDetail(warehouse, id, officer.province, { page: p }));
}

/** The open lines to choose from (no person-level data; not audited). */
export function officerLines(user: User | undefined): Promise<LineSummary[]> {
	requireOfficer(user);
	return openLines(webClickHouse('reader'));
}

/** The audit of detail views, newest first: the minister's only. */
export function readAuditFor(user: User | undefined): Promise<{ total: number; rows: AuditRow[] }> {
	if (user?.role !== 'minister') error(403, 'The audit of detail views is for the minister');
	return readAudit(webClickHouse('writer'));
}
