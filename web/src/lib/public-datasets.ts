/** The public datasets (shared by the server that builds them and the components that draw them). */
import type { DataError } from './data-error.ts';
import type { DataTable } from './table.ts';

export const PUBLIC_DATASETS = [
	'placements-by-month',
	'placements-by-country',
	'placements-by-province',
	'demand-by-country',
	'provinces-per-capita',
] as const;
export type PublicDataset = (typeof PUBLIC_DATASETS)[number];

export interface PublicTable {
	dataset: PublicDataset;
	title: string;
	table: DataTable;
	/** row codes (country / province / month) for maps and links */
	codes: string[];
	error: DataError | null;
	threshold: number | null;
}
