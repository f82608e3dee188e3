/**
 * `npm run bench -- --alerts [--scale national] [--until 2026-11-15]`: the back-test of the
 * early-warning alerts (warehouse/src/forecast/alert-backtest.ts) on the demo data's monthly sums
 * (generated in memory, or the cache of the forecast back-test, bench-forecast.ts monthlySums):
 * the month-end refreshes from January 2020 on are replayed, and the alerts are scored against the
 * documented events (share detected within one month, lead over a fixed fill-rate threshold) and
 * counted outside them (false alerts per market-year). Writes bench-output/alerts-<scale>.json and
 * the measured part of docs/forecasting.md (between the bench:alerts markers).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Scale } from '../seeds/src/plan.ts';
import { type AlertBacktest, replayAlerts, scoreAlerts } from '../warehouse/src/forecast/alert-backtest.ts';
import {
	ALERT_BREAK_YEARS,
	ALERT_METHOD_VERSION,
	CONSECUTIVE,
	EPISODE_GAP,
	LOOKBACK,
	MIN_VOLUME,
	marketChecks,
	RULES,
	WINDOW,
} from '../warehouse/src/forecast/alerts.ts';
import { monthIndex, monthString, parseMonth } from '../warehouse/src/forecast/model.ts';
import { monthlySums } from './bench-forecast.ts';

const MARK_START = '<!-- bench:alerts:start -->';
const MARK_END = '<!-- bench:alerts:end -->';

/**
 * The whole grid of settings the rules were chosen from, scored the same way (the sensitivity
 * table; the defaults are RULES, SENSITIVE_RULES is in it). The choice (docs/forecasting.md
 * "Against the targets"): on the selection years only, COVID detection and false alerts in
 * 2023–2024; 2025–2026 and Malaysia's 2024 closure are reported, not used.
 */
const SENSITIVITY: (typeof RULES)[] = ([95, 80] as const).flatMap((interval) =>
	[0.25, 0].flatMap((minShare) => [0.5, 0.75, 1].flatMap((cusumK) => [4, 5, 6].map((cusumH) => ({ interval, minShare, cusumK, cusumH })))),
);
/** the years whose false alerts the choice of RULES used (the rest are reported only) */
export const SELECTION_YEARS = [2023, 2024];

export interface SensitivityRow {
	rules: typeof RULES;
	detected: string[];
	falsePerMarketYear: number;
	falseByYear: number[];
	/** false alerts per market-year in SELECTION_YEARS, and in the other years */
	falseSelection: number;
	falseHeldOut: number;
}

export interface AlertsBench extends AlertBacktest {
	sensitivity: SensitivityRow[];
	scale: Scale;
	until: string;
	methodVersion: string;
	lastCompleteMonth: string;
	checkSeconds: number;
	/** the compute of one refresh (the WINDOW months of every market) */
	refreshSeconds: number;
	markets: number;
	loadAverage: number[];
}

export async function runAlertsBench(options: {
	scale: Scale;
	until: string;
	outDir: string;
	projectRoot: string;
	log: (line: string) => void;
}): Promise<AlertsBench> {
	const { log } = options;
	const { sink } = await monthlySums(options);
	const untilMonth = parseMonth(options.until);
	const lastDay = new Date(Date.UTC(Number(options.until.slice(0, 4)), Number(options.until.slice(5, 7)), 0)).toISOString().slice(0, 10);
	const lastComplete = lastDay === options.until ? untilMonth : untilMonth - 1;
	const start = monthIndex(2019, 1);
	const actuals = { slots: sink.actuals('slots'), applications: sink.actuals('applications'), placements: sink.actuals('placements') };

	let t = Date.now();
	const refresh = marketChecks(actuals, start, lastComplete - LOOKBACK + 1, lastComplete);
	const refreshSeconds = (Date.now() - t) / 1000;
	log(`one refresh's checks: ${refresh.length} market × measure series in ${refreshSeconds.toFixed(1)} s`);

	t = Date.now();
	const from = monthIndex(2020, 1);
	const markets = marketChecks(actuals, start, from, lastComplete);
	const checkSeconds = (Date.now() - t) / 1000;
	log(
		`month checks ${monthString(from).slice(0, 7)} … ${monthString(lastComplete).slice(0, 7)}: ${markets.length} series in ${checkSeconds.toFixed(1)} s`,
	);
	const fired = replayAlerts(markets, from, lastComplete);
	const scored = scoreAlerts(markets, fired, actuals, start, lastComplete);
	for (const e of scored.events) log(`${e.name.slice(0, 40)}…: ${e.detectedWithinOneMonth}/${e.markets} detected within one month`);
	const summary = (r: AlertBacktest, rules: typeof RULES): SensitivityRow => {
		const counted = r.falseAlerts.filter((f) => f.marketYears > 0);
		const rate = (fs: typeof counted) => {
			const years = fs.reduce((a, f) => a + f.marketYears, 0);
			return years ? fs.reduce((a, f) => a + f.alerts, 0) / years : 0;
		};
		return {
			rules: { ...rules },
			detected: r.events.map((e) => `${e.detectedWithinOneMonth}/${e.markets}`),
			falsePerMarketYear: rate(counted),
			falseByYear: counted.map((f) => f.perMarketYear),
			falseSelection: rate(counted.filter((f) => SELECTION_YEARS.includes(f.year))),
			falseHeldOut: rate(counted.filter((f) => !SELECTION_YEARS.includes(f.year))),
		};
	};
	const defaults = { ...RULES };
	const sensitivity = [summary(scored, defaults)];
	try {
		let checked = '';
		let m = markets;
		for (const rules of SENSITIVITY) {
			Object.assign(RULES, rules);
			// the month checks depend on the interval and the least miss only (K and H are the CUSUM's)
			if (`${rules.interval}/${rules.minShare}` !== checked) {
				m = marketChecks(actuals, start, from, lastComplete);
				checked = `${rules.interval}/${rules.minShare}`;
			}
			sensitivity.push(summary(scoreAlerts(m, replayAlerts(m, from, lastComplete), actuals, start, lastComplete), rules));
			log(
				`sensitivity ${JSON.stringify(rules)}: ${sensitivity.at(-1)!.detected.join(', ')}, ${sensitivity.at(-1)!.falsePerMarketYear.toFixed(2)} false per market-year`,
			);
		}
	} finally {
		Object.assign(RULES, defaults);
	}
	const result: AlertsBench = {
		sensitivity,
		scale: options.scale,
		until: options.until,
		methodVersion: ALERT_METHOD_VERSION,
		lastCompleteMonth: monthString(lastComplete).slice(0, 7),
		checkSeconds,
		refreshSeconds,
		markets: new Set(markets.map((m) => `${m.key.country}|${m.key.sector}`)).size,
		loadAverage: loadavg().map((v) => Number(v.toFixed(2))),
		...scored,
	};
	writeFileSync(join(options.outDir, `alerts-${options.scale}.json`), `${JSON.stringify(result, null, 2)}\n`);
	const docPath = join(options.projectRoot, 'docs', 'forecasting.md');
	const doc = readFileSync(docPath, 'utf8');
	const a = doc.indexOf(MARK_START);
	const b = doc.indexOf(MARK_END);
	if (a < 0 || b < a) throw new Error(`docs/forecasting.md lacks the markers ${MARK_START} … ${MARK_END}`);
	writeFileSync(docPath, `${doc.slice(0, a + MARK_START.length)}\n${alertsMarkdown(result)}\n${doc.slice(b)}`);
	log(`wrote bench-output/alerts-${options.scale}.json and the alerts section of docs/forecasting.md`);
	return result;
}

const pct = (n: number, d: number) => (d > 0 ? `${((100 * n) / d).toFixed(1)} %` : '–');
const ym = (m: number | null) => (m === null ? '–' : monthString(m).slice(0, 7));

export function alertsMarkdown(r: AlertsBench): string {
	const out: string[] = [];
	out.push(
		`Measured by \`npm run bench -- --alerts --scale ${r.scale} --until ${r.until}\` on the generator's ${r.scale} data (until ${r.until}; last complete month ${r.lastCompleteMonth}), rules \`${r.methodVersion}\` (${RULES.interval} % interval ${CONSECUTIVE} months in a row; a month counts as a miss from ${(RULES.minShare * 100).toFixed(0)} % off the forecast; CUSUM K = ${RULES.cusumK}, H = ${RULES.cusumH}; window ${WINDOW} months, rules read ${LOOKBACK}; one alert per episode, gap ≤ ${EPISODE_GAP} month; forecasts without ${ALERT_BREAK_YEARS.join(', ')}; markets with a mean of ≥ ${MIN_VOLUME.placements} a month over the 12 months before). ${r.markets} markets (countries and country × sector), month-end refreshes replayed from 2020-01; checks ${r.checkSeconds.toFixed(0)} s; one refresh's checks ${r.refreshSeconds.toFixed(1)} s of CPU; ${r.alerts.toLocaleString('en')} alerts in all; load average at the end ${r.loadAverage.join(' / ')} (2 cores shared: timings are noisy).`,
	);
	out.push('');
	out.push(
		'| event | from | markets | detected within 1 month | target ≥ 90 % | detected later | not detected | median lead over the fill-rate threshold | threshold never fired (12 months) |',
	);
	out.push('|---|---|---:|---:|---|---:|---:|---:|---:|');
	for (const e of r.events) {
		const later = e.cases.filter((c) => c.delay !== null && c.delay > 1).length;
		const missed = e.cases.filter((c) => c.delay === null).length;
		const leads = e.cases
			.map((c) => c.lead)
			.filter((l): l is number => l !== null)
			.sort((a, b) => a - b);
		const median = leads.length ? leads[Math.floor(leads.length / 2)]! : null;
		const never = e.cases.filter((c) => c.threshold === null).length;
		out.push(
			`| ${e.name} | ${ym(e.month)} | ${e.markets} | ${e.detectedWithinOneMonth} (${pct(e.detectedWithinOneMonth, e.markets)}) | ${e.markets && e.detectedWithinOneMonth / e.markets >= 0.9 ? '✓' : '✗'} | ${later} | ${missed} | ${median === null ? '–' : `${median} months`} (${leads.length} markets) | ${never} |`,
		);
	}
	const misses = r.events.flatMap((e) =>
		e.cases
			.filter((c) => c.delay === null || c.delay > 1)
			.map((c) => `${c.market} (${ym(e.month)}: ${c.delay === null ? 'none' : `after ${c.delay} months`})`),
	);
	if (misses.length) {
		out.push('');
		out.push(`Missed or late (${misses.length}): ${misses.slice(0, 40).join(', ')}${misses.length > 40 ? ', …' : ''}.`);
	}
	out.push('');
	out.push(
		"False alerts: alerts seen outside the events' months (2020–2022 for every market, 2024 for Malaysia's non-domestic markets), per market-year of checked months (target ≤ 1):",
	);
	out.push('');
	out.push('| year | market-years checked | alerts | per market-year |');
	out.push('|---|---:|---:|---:|');
	let alerts = 0;
	let years = 0;
	for (const f of r.falseAlerts) {
		if (f.marketYears === 0) continue;
		alerts += f.alerts;
		years += f.marketYears;
		out.push(
			`| ${f.year} | ${f.marketYears.toFixed(1)} | ${f.alerts} | ${f.perMarketYear.toFixed(2)} ${f.perMarketYear <= 1 ? '✓' : '✗'} |`,
		);
	}
	out.push(
		`| all | ${years.toFixed(1)} | ${alerts} | ${(years ? alerts / years : 0).toFixed(2)} ${years && alerts / years <= 1 ? '✓' : '✗'} |`,
	);
	out.push('');
	out.push(
		`The whole grid of settings on the same data (the first row is the one in use; the choice read only event 1 and the false alerts of ${SELECTION_YEARS.join('–')}, "selection"; "held out" = the other years):`,
	);
	out.push('');
	out.push(
		`| interval | least miss | CUSUM K | CUSUM H | ${r.events.map((_, k) => `event ${k + 1} within 1 month`).join(' | ')} | false per market-year | selection ${SELECTION_YEARS.join('–')} | held out | by year |`,
	);
	out.push(`|---:|---:|---:|---:|${r.events.map(() => '---:|').join('')}---:|---:|---:|---|`);
	for (const s of r.sensitivity)
		out.push(
			`| ${s.rules.interval} % | ${(s.rules.minShare * 100).toFixed(0)} % | ${s.rules.cusumK} | ${s.rules.cusumH} | ${s.detected.join(' | ')} | ${s.falsePerMarketYear.toFixed(2)} | ${s.falseSelection.toFixed(2)} | ${s.falseHeldOut.toFixed(2)} | ${s.falseByYear.map((v) => v.toFixed(1)).join(', ')} |`,
		);
	return out.join('\n');
}
