/**
 * Regenerates data/agencies.csv: 424 synthetic P3MI placement agencies. Real agency names are not
 * published as open data, and demo data must not carry real company names, so names are drawn
 * from Indonesian words with a fixed seed — the same file every run.
 *
 *   npx tsx common/reference/build.ts
 *
 * Everything else in data/ is hand-maintained; countries and regencies are read from their npm
 * packages at run time by index.ts, so nothing else needs building.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatCsv } from './csv.ts';

/**
 * Licensed P3MI per province, April 2024 (Kemnaker via databoks, facts.md §5): the first thirteen
 * are as published. facts.md names those thirteen (408 agencies) and the total (424); where the
 * other 16 sit is an assumption — Lampung, then sending or transit provinces with BP3MI offices.
 */
export const AGENCIES_PER_PROVINCE: Readonly<Record<string, number>> = {
	'31': 129,
	'32': 113,
	'35': 77,
	'33': 32,
	'36': 16,
	'51': 14,
	'52': 14,
	'12': 8,
	'13': 1,
	'61': 1,
	'65': 1,
	'53': 1,
	'16': 1,
	// Assumed: the 16 not placed by the source.
	'18': 6,
	'73': 3,
	'34': 2,
	'21': 2,
	'14': 1,
	'11': 1,
	'71': 1,
};

const FIRST = words(`
	Sinar Karya Bina Duta Mitra Citra Cahaya Putra Insan Graha Bumi Tunas
	Surya Mega Berkah Anugerah Harapan Bintang Permata Samudra Rajawali Lintas Gemilang Nusa
`);
const SECOND = words(`
	Jaya Mandiri Karya Abadi Utama Prima Sentosa Perkasa Bersama Makmur Lestari Sejati
	Mulia Global Nusantara Sukses Cemerlang Insani Amanah Terpadu
`);
const THIRD = words(`
	Sejahtera Abadi Indonesia Internasional Mandiri Utama Perkasa Lestari Sentosa Persada Raya Gemilang
	Makmur Jaya Bahari Cipta Sakti Wibawa
`);

// Synthetic licence dates, spread evenly up to the April 2024 count the agency numbers come from.
const FIRST_LICENCE_DAY = Date.UTC(2006, 0, 1);
const LAST_LICENCE_DAY = Date.UTC(2024, 3, 30);
const DAY_MS = 86_400_000;

function words(text: string): string[] {
	return text.trim().split(/\s+/);
}

/** mulberry32: tiny, seedable, and identical on every platform, unlike Math.random. */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function buildAgenciesCsv(seed = 20240430): string {
	const random = prng(seed);
	const pick = (words: readonly string[]): string => words[Math.floor(random() * words.length)] ?? words[0] ?? '';
	const used = new Set<string>();
	const rows: string[][] = [['code', 'name', 'province', 'licensed_since']];
	const provinces = Object.keys(AGENCIES_PER_PROVINCE).sort();
	let serial = 0;
	for (const province of provinces) {
		const count = AGENCIES_PER_PROVINCE[province] ?? 0;
		const agencies: { name: string; since: string }[] = [];
		while (agencies.length < count) {
			const words = [pick(FIRST), pick(SECOND), pick(THIRD)];
			if (new Set(words).size < words.length) continue;
			const name = `PT ${words.join(' ')}`;
			if (used.has(name)) continue;
			used.add(name);
			const day = FIRST_LICENCE_DAY + Math.floor(random() * ((LAST_LICENCE_DAY - FIRST_LICENCE_DAY) / DAY_MS + 1)) * DAY_MS;
			agencies.push({ name, since: new Date(day).toISOString().slice(0, 10) });
		}
		// Code-unit order, not localeCompare: the output must not depend on the ICU data Node was built with.
		agencies.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
		for (const agency of agencies) {
			serial += 1;
			rows.push([`P3MI-${String(serial).padStart(4, '0')}`, agency.name, province, agency.since]);
		}
	}
	return formatCsv(rows);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const target = fileURLToPath(new URL('./data/agencies.csv', import.meta.url));
	writeFileSync(target, buildAgenciesCsv());
	console.log(`wrote ${target}`);
}
