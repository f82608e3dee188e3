/**
 * A RowSink that writes nothing and counts what the calibration targets are about: placements by
 * year × destination / province / gender / scheme / education / occupation, medium-high skill,
 * demand slots and applications, the 1 Dec 2025 active-vacancy snapshot, where candidates certify.
 * Memory is bounded: counters keyed by codes, plus the P-to-P lines active on the snapshot day.
 */
import { certificationBodyByCode, currencyByCode } from '../../common/reference/index.ts';
import { dateString, dayOf, yearOfDay } from './dates.ts';
import { JAVA_PROVINCES } from './markets.ts';
import type { ApplicationRow, CandidateRow, CertificationRow, LineRow, PlacementRow, RowSink, TrainingRow } from './records.ts';
import { SNAPSHOT } from './targets.ts';

type Counter = Map<string, number>;
function bump(map: Counter, key: string, by = 1): void {
	map.set(key, (map.get(key) ?? 0) + by);
}
function nested(map: Map<number, Counter>, year: number): Counter {
	let m = map.get(year);
	if (!m) {
		m = new Map();
		map.set(year, m);
	}
	return m;
}
function toObject(map: Counter): Record<string, number> {
	return Object.fromEntries([...map.entries()].sort((a, b) => b[1] - a[1]));
}

export interface YearStats {
	placements: number;
	female: number;
	mediumHigh: number;
	byCountry: Record<string, number>;
	byProvince: Record<string, number>;
	byScheme: Record<string, number>;
	byEducation: Record<string, number>;
	byOccupation: Record<string, number>;
	bySector: Record<string, number>;
	/** demand slots on lines issued in the year, all schemes and P2P */
	slots: number;
	p2pSlots: number;
	/** applications made in the year, all lines and P2P lines */
	applications: number;
	p2pApplications: number;
	lines: number;
	candidates: number;
}

export class CalibrationSink implements RowSink {
	private readonly snapshotDay = dayOf(SNAPSHOT.date);
	private readonly placements = new Map<number, number>();
	private readonly female = new Map<number, number>();
	private readonly mediumHigh = new Map<number, number>();
	private readonly byCountry = new Map<number, Counter>();
	private readonly byProvince = new Map<number, Counter>();
	private readonly byScheme = new Map<number, Counter>();
	private readonly byEducation = new Map<number, Counter>();
	private readonly byOccupation = new Map<number, Counter>();
	private readonly bySector = new Map<number, Counter>();
	private readonly byMonth: Counter = new Map();
	private readonly slots = new Map<number, number>();
	private readonly p2pSlots = new Map<number, number>();
	private readonly applications = new Map<number, number>();
	private readonly p2pApplications = new Map<number, number>();
	private readonly lines = new Map<number, number>();
	private readonly candidates = new Map<number, number>();
	private readonly regencies = new Map<string, Counter>();
	private readonly provinceGender = new Map<string, [number, number]>();
	private readonly rejectionReasons: Counter = new Map();
	private readonly outcomes: Counter = new Map();
	private readonly daysToFill = new Map<string, number[]>();
	private readonly wageUsd = new Map<string, [number, number]>();
	/** P2P lines active on the snapshot day: id → [slots, applications by then, country, sector] */
	private readonly active = new Map<string, { slots: number; applied: number; lifetime: number; country: string; sector: string }>();
	private readonly certifications = { java: 0, other: 0, otherAway: 0, javaAway: 0 };
	private readonly candidatesByRegion = { java: 0, other: 0 };

	line(row: LineRow): void {
		const y = yearOfDay(row.issued_date);
		this.lines.set(y, (this.lines.get(y) ?? 0) + 1);
		this.slots.set(y, (this.slots.get(y) ?? 0) + row.slots);
		if (row.scheme !== 'P2P') return;
		this.p2pSlots.set(y, (this.p2pSlots.get(y) ?? 0) + row.slots);
		const d = this.snapshotDay;
		const closed = row.status_date >= 0;
		const active = row.issued_date <= d && (closed ? d < row.status_date : d <= row.expiry_date);
		if (active) this.active.set(row.line_id, { slots: row.slots, applied: 0, lifetime: 0, country: row.country_iso2, sector: row.sector });
	}

	candidate(row: CandidateRow): void {
		const y = yearOfDay(row.registered_date);
		this.candidates.set(y, (this.candidates.get(y) ?? 0) + 1);
		if (JAVA_PROVINCES.has(row.province_code)) this.candidatesByRegion.java++;
		else this.candidatesByRegion.other++;
	}

	training(_row: TrainingRow): void {}

	certification(row: CertificationRow, candidate: CandidateRow): void {
		const body = certificationBodyByCode.get(row.body_code);
		const away = body ? body.province !== candidate.province_code : true;
		if (JAVA_PROVINCES.has(candidate.province_code)) {
			this.certifications.java++;
			if (away) this.certifications.javaAway++;
		} else {
			this.certifications.other++;
			if (away) this.certifications.otherAway++;
		}
	}

	application(row: ApplicationRow, line: LineRow): void {
		const y = yearOfDay(row.applied_date);
		this.applications.set(y, (this.applications.get(y) ?? 0) + 1);
		if (line.scheme === 'P2P') this.p2pApplications.set(y, (this.p2pApplications.get(y) ?? 0) + 1);
		bump(this.outcomes, row.outcome);
		if (row.rejection_reason) bump(this.rejectionReasons, row.rejection_reason);
		const a = this.active.get(row.line_id);
		if (a) {
			a.lifetime++;
			if (row.applied_date <= this.snapshotDay) a.applied++;
		}
	}

	placement(row: PlacementRow, line: LineRow, candidate: CandidateRow, certified: boolean): void {
		const y = yearOfDay(row.departure_date);
		this.placements.set(y, (this.placements.get(y) ?? 0) + 1);
		if (candidate.gender === 'F') this.female.set(y, (this.female.get(y) ?? 0) + 1);
		if (line.skill_level >= 3 || (line.skill_level >= 2 && certified)) this.mediumHigh.set(y, (this.mediumHigh.get(y) ?? 0) + 1);
		bump(nested(this.byCountry, y), line.country_iso2);
		bump(nested(this.byProvince, y), candidate.province_code);
		bump(nested(this.byScheme, y), line.scheme);
		bump(nested(this.byEducation, y), candidate.education);
		bump(nested(this.byOccupation, y), line.occupation_isco4);
		bump(nested(this.bySector, y), line.sector);
		bump(this.byMonth, dateString(row.departure_date).slice(0, 7));
		let reg = this.regencies.get(candidate.province_code);
		if (!reg) {
			reg = new Map();
			this.regencies.set(candidate.province_code, reg);
		}
		bump(reg, candidate.regency_code);
		const pg = this.provinceGender.get(candidate.province_code) ?? [0, 0];
		pg[candidate.gender === 'F' ? 1 : 0]++;
		this.provinceGender.set(candidate.province_code, pg);
		let days = this.daysToFill.get(line.scheme);
		if (!days) {
			days = [];
			this.daysToFill.set(line.scheme, days);
		}
		// A bounded sample (every 16th) is enough for a median.
		if ((this.placements.get(y) as number) % 16 === 0) days.push(row.departure_date - line.issued_date);
		const rate = currencyByCode.get(line.wage_currency)?.usd_per_unit ?? 0;
		const w = this.wageUsd.get(line.country_iso2) ?? [0, 0];
		w[0] += row.wage * rate;
		w[1]++;
		this.wageUsd.set(line.country_iso2, w);
	}

	/** Placements per month, 'YYYY-MM' → count. */
	monthly(): Record<string, number> {
		return Object.fromEntries([...this.byMonth.entries()].sort());
	}

	year(y: number): YearStats {
		return {
			placements: this.placements.get(y) ?? 0,
			female: this.female.get(y) ?? 0,
			mediumHigh: this.mediumHigh.get(y) ?? 0,
			byCountry: toObject(this.byCountry.get(y) ?? new Map()),
			byProvince: toObject(this.byProvince.get(y) ?? new Map()),
			byScheme: toObject(this.byScheme.get(y) ?? new Map()),
			byEducation: toObject(this.byEducation.get(y) ?? new Map()),
			byOccupation: toObject(this.byOccupation.get(y) ?? new Map()),
			bySector: toObject(this.bySector.get(y) ?? new Map()),
			slots: this.slots.get(y) ?? 0,
			p2pSlots: this.p2pSlots.get(y) ?? 0,
			applications: this.applications.get(y) ?? 0,
			p2pApplications: this.p2pApplications.get(y) ?? 0,
			lines: this.lines.get(y) ?? 0,
			candidates: this.candidates.get(y) ?? 0,
		};
	}

	snapshot(): {
		slots: number;
		applied: number;
		/** all applications (to `until`) on the lines active on the snapshot day */
		lifetime: number;
		remainingByCountry: Record<string, number>;
		remainingBySector: Record<string, number>;
	} {
		let slots = 0;
		let applied = 0;
		let lifetime = 0;
		const byCountry: Counter = new Map();
		const bySector: Counter = new Map();
		for (const a of this.active.values()) {
			slots += a.slots;
			applied += a.applied;
			lifetime += a.lifetime;
			const remaining = Math.max(0, a.slots - a.applied);
			bump(byCountry, a.country, remaining);
			bump(bySector, a.sector, remaining);
		}
		return { slots, applied, lifetime, remainingByCountry: toObject(byCountry), remainingBySector: toObject(bySector) };
	}

	regencyShares(province: string): Record<string, number> {
		const m = this.regencies.get(province) ?? new Map();
		const total = [...m.values()].reduce((a, b) => a + b, 0);
		return Object.fromEntries([...m.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, v / total]));
	}

	provinceFemaleShare(province: string): number {
		const [m, f] = this.provinceGender.get(province) ?? [0, 0];
		return f / Math.max(1, m + f);
	}

	medianDaysToFill(scheme: string): number {
		const d = [...(this.daysToFill.get(scheme) ?? [])].sort((a, b) => a - b);
		return d[Math.floor(d.length / 2)] ?? 0;
	}

	meanWageUsd(country: string): number {
		const [sum, n] = this.wageUsd.get(country) ?? [0, 0];
		return n > 0 ? sum / n : 0;
	}

	certificationTravel(): {
		javaAwayShare: number;
		otherAwayShare: number;
		attemptsPerJavaCandidate: number;
		attemptsPerOtherCandidate: number;
	} {
		const c = this.certifications;
		return {
			javaAwayShare: c.javaAway / Math.max(1, c.java),
			otherAwayShare: c.otherAway / Math.max(1, c.other),
			attemptsPerJavaCandidate: c.java / Math.max(1, this.candidatesByRegion.java),
			attemptsPerOtherCandidate: c.other / Math.max(1, this.candidatesByRegion.other),
		};
	}

	reasons(): Record<string, number> {
		return toObject(this.rejectionReasons);
	}

	outcomeCounts(): Record<string, number> {
		return toObject(this.outcomes);
	}

	/** A compact summary for the CLI (--stats) and the report. */
	summary(): Record<string, unknown> {
		const years = [...this.placements.keys()].sort();
		const perYear: Record<string, unknown> = {};
		for (const y of [...new Set([...years, ...this.lines.keys()])].sort()) {
			const s = this.year(y);
			// Arrays of [code, percent], largest first (an object would reorder numeric codes).
			const top = (o: Record<string, number>, n: number) =>
				Object.entries(o)
					.sort((a, b) => b[1] - a[1])
					.slice(0, n)
					.map(([k, v]) => `${k} ${((100 * v) / Math.max(1, s.placements)).toFixed(2)}`);
			perYear[y] = {
				placements: s.placements,
				femaleShare: Number((s.female / Math.max(1, s.placements)).toFixed(4)),
				mediumHigh: s.mediumHigh,
				mediumHighShare: Number((s.mediumHigh / Math.max(1, s.placements)).toFixed(4)),
				countryPct: top(s.byCountry, 12),
				provincePct: top(s.byProvince, 12),
				schemePct: top(s.byScheme, 4),
				educationPct: top(s.byEducation, 9),
				occupationPct: top(s.byOccupation, 8),
				sectorPct: top(s.bySector, 6),
				lines: s.lines,
				slots: s.slots,
				p2pSlots: s.p2pSlots,
				applications: s.applications,
				p2pApplicationRate: Number((s.p2pApplications / Math.max(1, s.p2pSlots)).toFixed(4)),
				candidatesRegistered: s.candidates,
			};
		}
		const snap = this.snapshot();
		return {
			perYear,
			snapshot: { ...snap, appliedShare: snap.applied / Math.max(1, snap.slots) },
			ntbFemaleShare: this.provinceFemaleShare('52'),
			regencies: { '52': this.regencyShares('52'), '32': this.regencyShares('32') },
			medianDaysToFill: Object.fromEntries(['P2P', 'G2G', 'MANDIRI', 'UKPS'].map((s) => [s, this.medianDaysToFill(s)])),
			meanWageUsd: Object.fromEntries(['HK', 'TW', 'MY', 'SG', 'JP', 'KR', 'SA'].map((c) => [c, Math.round(this.meanWageUsd(c))])),
			certificationTravel: this.certificationTravel(),
			rejectionReasons: this.reasons(),
			outcomes: this.outcomeCounts(),
		};
	}
}
