/**
 * A wrapper that lets a wide table scroll sideways (`.table-scroll`) becomes a keyboard stop and a
 * named region only while it actually scrolls: keyboard users can then scroll it with the arrow
 * keys and screen readers announce what it holds (axe: scrollable-region-focusable). A table that
 * fits adds no extra tab stop.
 */
export function scrollRegion(element: HTMLElement, label: string) {
	let name = label;
	const update = () => {
		const scrolls = element.scrollWidth > element.clientWidth + 1;
		if (scrolls) {
			element.tabIndex = 0;
			element.setAttribute('role', 'region');
			element.setAttribute('aria-label', name);
		} else {
			element.removeAttribute('tabindex');
			element.removeAttribute('role');
			element.removeAttribute('aria-label');
		}
	};
	const observer = new ResizeObserver(update);
	observer.observe(element);
	const table = element.firstElementChild;
	if (table) observer.observe(table);
	update();
	return {
		update(next: string) {
			name = next;
			update();
		},
		destroy() {
			observer.disconnect();
		},
	};
}
