/**
 * Why a card shows no data, as its reader is told it. Cube's own message names internal members
 * and is in English; it goes to the server log only (`describeFailure`), and the page gets one of
 * these kinds, which ChartCard words in the reader's language (`error.<kind>` in i18n/).
 */
export const DATA_ERRORS = ['refused', 'invalid', 'unavailable'] as const;
export type DataError = (typeof DATA_ERRORS)[number];

/** The kind of a failed request, from the HTTP status the data layer answered with. */
export function dataErrorOf(status: number | undefined): DataError {
	if (status === 401 || status === 403) return 'refused';
	if (status === 400) return 'invalid';
	return 'unavailable';
}
