/**
 * Early-warning alerts for the web (docs/forecasting.md "Early warning"): read through Cube's
 * `alerts` cube, acknowledged by the minister and directors. An acknowledgement is the one thing
 * the web writes besides the audit of detail views: a row in the audit database's `alert_acks`
 * (who, when), inserted as the web's writer (web-clickhouse.ts; docs/access.md "The web app's
 * ClickHouse users"). Everything shown is read back through Cube.
 */
import { type CubeContext, cubeLoad } from './cube.ts';
import type { User } from './demo-users.ts';
import { webClickHouse } from './web-clickhouse.ts';

/** Who may acknowledge an alert (regional heads read alerts but do not acknowledge them). */
export const ACK_ROLES: readonly string[] = ['minister', 'director'];

export interface Alert {
	id: string;
	level: string;
	country: string;
	sector: string;
	measure: string;
	rule: string;
	direction: 'up' | 'down';
	since: string;
	through: string;
	detected: string;
	months: number;
	actual: number;
	expected: number;
	change: number;
	/** change / expected (null when nothing was expected) */
	changeShare: number | null;
	lo80: number;
	hi80: number;
	occupations: [string, number][];
	provinces: [string, number][];
	requirements: [string, number][];
	acknowledged: boolean;
	acknowledgedBy: string;
	acknowledgedAt: string;
	asOf: string;
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const month = (v: unknown) => str(v).slice(0, 7);
const list = (v: unknown): [string, number][] => {
	try {
		const parsed = JSON.parse(str(v) || '[]');
		return Array.isArray(parsed) ? (parsed as [string, number][]) : [];
	} catch {
		return [];
	}
};

/** Every alert of the latest run, newest first (detected, then the largest relative change). */
export async function loadAlerts(context: CubeContext, options: { openOnly?: boolean } = {}): Promise<Alert[]> {
	const result = await cubeLoad(
		{
			measures: ['alerts.actual', 'alerts.expected', 'alerts.change', 'alerts.lo80', 'alerts.hi80'],
			dimensions: [
				'alerts.id',
				'alerts.level',
				'alerts.country',
				'alerts.sector',
				'alerts.measure',
				'alerts.rule',
				'alerts.direction',
				'alerts.since',
				'alerts.through',
				'alerts.detected',
				'alerts.months',
				'alerts.occupations',
				'alerts.provinces',
				'alerts.requirements',
				'alerts.acknowledged',
				'alerts.acknowledged_by',
				'alerts.acknowledged_at',
				'alerts.as_of',
			],
			filters: options.openOnly ? [{ member: 'alerts.acknowledged', operator: 'equals', values: ['0'] }] : [],
			order: { 'alerts.detected': 'desc', 'alerts.since': 'desc', 'alerts.id': 'asc' },
			limit: 5000,
		},
		context,
		// acknowledgements change the answer without a new data version: never from the result cache
		{ fresh: true },
	);
	const alerts = result.data.map((r): Alert => {
		const row = r as Record<string, unknown>;
		const actual = Number(row['alerts.actual'] ?? 0);
		const expected = Number(row['alerts.expected'] ?? 0);
		const change = Number(row['alerts.change'] ?? 0);
		return {
			id: str(row['alerts.id']),
			level: str(row['alerts.level']),
			country: str(row['alerts.country']),
			sector: str(row['alerts.sector']),
			measure: str(row['alerts.measure']),
			rule: str(row['alerts.rule']),
			direction: str(row['alerts.direction']) === 'up' ? 'up' : 'down',
			since: month(row['alerts.since']),
			through: month(row['alerts.through']),
			detected: month(row['alerts.detected']),
			months: Number(row['alerts.months'] ?? 0),
			actual,
			expected,
			change,
			changeShare: expected > 0 ? change / expected : null,
			lo80: Number(row['alerts.lo80'] ?? 0),
			hi80: Number(row['alerts.hi80'] ?? 0),
			occupations: list(row['alerts.occupations']),
			provinces: list(row['alerts.provinces']),
			requirements: list(row['alerts.requirements']),
			acknowledged: str(row['alerts.acknowledged']) === '1',
			acknowledgedBy: str(row['alerts.acknowledged_by']),
			acknowledgedAt: str(row['alerts.acknowledged_at']).slice(0, 19).replace('T', ' '),
			asOf: str(row['alerts.as_of']).slice(0, 10),
		};
	});
	// newest first; within a month the largest relative movement first
	return alerts.sort(
		(a, b) =>
			b.detected.localeCompare(a.detected) || Math.abs(b.changeShare ?? 0) - Math.abs(a.changeShare ?? 0) || a.id.localeCompare(b.id),
	);
}

/** The country page with the alert's filters: its sector, and the period from a year before the movement to its end. */
export function countryLink(a: Pick<Alert, 'country' | 'sector' | 'since' | 'through'>, lang: string): string {
	const params = new URLSearchParams();
	const [y, m] = a.since.split('-').map(Number) as [number, number];
	params.set('from', `${y - 1}-${String(m).padStart(2, '0')}`);
	params.set('to', a.through);
	if (a.sector) params.set('sector', a.sector);
	if (lang !== 'id') params.set('lang', lang);
	return `/markets/${a.country}?${params}`;
}

export class AckRefused extends Error {}

/**
 * Stores an acknowledgement of `alertId` by `user` (who, when). Refused for roles not in ACK_ROLES
 * and for an id that is not an alert of the latest run (checked through Cube, as the user).
 */
export async function acknowledge(user: User, alertId: string, context: CubeContext, now = new Date()): Promise<void> {
	if (!ACK_ROLES.includes(user.role)) throw new AckRefused('role');
	if (!/^[0-9a-f]{16}$/.test(alertId)) throw new AckRefused('id');
	const found = await cubeLoad(
		{ measures: ['alerts.count'], filters: [{ member: 'alerts.id', operator: 'equals', values: [alertId] }] },
		context,
		{ fresh: true },
	);
	if (Number((found.data[0] as Record<string, unknown> | undefined)?.['alerts.count'] ?? 0) === 0) throw new AckRefused('id');
	const row = {
		alert_id: alertId,
		acknowledged_by: user.username,
		role: user.role,
		acknowledged_at: now.toISOString().slice(0, 19).replace('T', ' '),
		acknowledged_ms: now.getTime(),
	};
	await webClickHouse('writer').insert({ table: 'alert_acks', values: [row], format: 'JSONEachRow' });
}
