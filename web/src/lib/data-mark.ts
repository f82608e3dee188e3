/**
 * The mark of the data a page shows, and of the data the server has (server/data-events.ts pushes
 * it to open pages; NewDataNotice.svelte compares the two). Shared by server and browser.
 */
export interface DataMark {
	/** when the latest batch became visible on the dashboards (ISO), null before any */
	visibleAt: string | null;
	/** when the latest batch was committed (ISO): the "as of" the notice names */
	lastLoadedAt: string | null;
}

/** Whether `pushed` names data newer than the page shows. */
export function isNewer(pushed: DataMark | null, shown: DataMark): boolean {
	if (!pushed?.visibleAt) return false;
	return shown.visibleAt === null || pushed.visibleAt > shown.visibleAt;
}
