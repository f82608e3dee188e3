import { type Lang, type MessageKey, translator } from './i18n/index.ts';

/**
 * The line a tile shows when its number cannot apply some of the active filters ("Tidak mengikuti
 * filter: Provinsi asal, Periode"), or null when it applies them all. `dims` are filter-bar
 * dimensions, or `period`.
 */
export function ignoredLine(lang: Lang, dims: readonly string[]): string | null {
	if (dims.length === 0) return null;
	const t = translator(lang);
	return `${t('card.ignoredFiltersTile')} ${dims.map((d) => t(`dim.${d}` as MessageKey) ?? d).join(', ')}`;
}
