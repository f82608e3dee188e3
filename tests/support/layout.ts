/**
 * What a user sees of a page's layout (issue #12, item 12): card content that spills out of its
 * card, chart legends drawn over the plot, tap targets, and axe-core's accessibility rules.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
	id: string;
	impact: string | null;
	help: string;
	targets: string[];
}

/**
 * Runs axe-core on the page as it is (injected through the DevTools protocol, which the page's
 * content security policy does not govern). Colour contrast is measured too.
 *
 * `asserted`: a check that looks only at serious and critical violations and at the rules it names
 * (`layout.test.ts`) leaves out every other rule, as the run would report nothing it reads. A
 * violation's impact is its rule's (axe-core 4.14 gives each of a rule's failing checks the rule's
 * `impact`), so a rule whose impact is minor or moderate can only report what such a check
 * discards; it is switched off (`rules: { id: { enabled: false } }`), and every other rule runs as
 * in a plain run. A rule without an impact throws rather than being guessed at.
 */
export async function axeViolations(page: Page, asserted?: { rules: readonly string[] }): Promise<AxeViolation[]> {
	const loaded = await page.evaluate(() => 'axe' in window);
	if (!loaded) await page.evaluate(axeSource);
	return page.evaluate(async (named) => {
		type Result = { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] };
		const axe = (
			window as unknown as {
				axe: {
					run(context: Document, options: object): Promise<{ violations: Result[] }>;
					_audit: { rules: { id: string; impact?: string }[] };
				};
			}
		).axe;
		const rules: Record<string, { enabled: false }> = {};
		if (named) {
			for (const rule of axe._audit.rules) {
				if (!rule.impact) throw new Error(`axe-core rule ${rule.id} has no impact`);
				if (rule.impact !== 'serious' && rule.impact !== 'critical' && !named.includes(rule.id)) rules[rule.id] = { enabled: false };
			}
		}
		const result = await axe.run(document, { resultTypes: ['violations'], rules });
		return result.violations.map((v) => ({
			id: v.id,
			impact: v.impact,
			help: v.help,
			targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' ')),
		}));
	}, asserted?.rules ?? null);
}

export interface Overflow {
	card: string;
	element: string;
	/** how far it reaches past the card's left or right edge, in CSS pixels */
	by: number;
}

/**
 * Every element inside a card (`.card`) whose box reaches past the card's left or right edge, and
 * every card that scrolls sideways. Content inside a scrolling wrapper (`overflow-x` not `visible`)
 * is the wrapper's business: such a wrapper counts only if it actually scrolls and is not a
 * keyboard-reachable, named region (`tabindex="0"`, `role="region"`, `aria-label`).
 */
export async function cardOverflows(page: Page): Promise<Overflow[]> {
	return page.evaluate(() => {
		const out: { card: string; element: string; by: number }[] = [];
		const describe = (element: Element) => {
			const id = element.id ? `#${element.id}` : '';
			const testid = element.getAttribute('data-testid');
			const classes = [...element.classList].filter((c) => !c.startsWith('svelte-')).join('.');
			return `${element.tagName.toLowerCase()}${id}${classes ? `.${classes}` : ''}${testid ? `[data-testid=${testid}]` : ''}`;
		};
		for (const card of document.querySelectorAll<HTMLElement>('.card')) {
			const box = card.getBoundingClientRect();
			if (box.width === 0 || card.closest('[hidden]')) continue;
			const name =
				card.getAttribute('data-chart-id') ??
				card.getAttribute('data-testid') ??
				card.querySelector('h2,h3,legend')?.textContent?.trim() ??
				describe(card);
			if (card.scrollWidth > card.clientWidth + 1)
				out.push({ card: name, element: 'the card itself scrolls', by: card.scrollWidth - card.clientWidth });
			for (const element of card.querySelectorAll<HTMLElement>('*')) {
				let inside: HTMLElement | null = null;
				for (let a = element.parentElement; a && a !== card; a = a.parentElement) {
					if (getComputedStyle(a).overflowX !== 'visible') {
						inside = a;
						break;
					}
				}
				if (inside) continue;
				const style = getComputedStyle(element);
				if (style.display === 'none' || style.visibility === 'hidden') continue;
				const r = element.getBoundingClientRect();
				if (r.width <= 1 && r.height <= 1) continue;
				const by = Math.max(box.left - r.left, r.right - box.right);
				if (by > 1) out.push({ card: name, element: describe(element), by: Math.round(by) });
				if (style.overflowX !== 'visible' && element.scrollWidth > element.clientWidth + 1) {
					const marked = element.tabIndex === 0 && element.getAttribute('role') === 'region' && !!element.getAttribute('aria-label');
					if (!marked)
						out.push({
							card: name,
							element: `${describe(element)} scrolls but is not a focusable named region`,
							by: element.scrollWidth - element.clientWidth,
						});
				}
			}
		}
		return out;
	});
}

export interface LegendOverlap {
	chart: string;
	legend: { x: number; y: number; width: number; height: number };
	plot: { x: number; y: number; width: number; height: number };
}

/** Every ECharts chart whose legend (as laid out by ECharts) intersects its plot area (the grid). */
export async function legendOverlaps(page: Page): Promise<{ checked: number; overlaps: LegendOverlap[] }> {
	return page.evaluate(() => {
		type Rect = { x: number; y: number; width: number; height: number };
		type Group = { x: number; y: number; scaleX: number; scaleY: number; getBoundingRect(): Rect };
		type Chart = {
			getModel(): { getComponent(type: string, index?: number): { coordinateSystem?: { getRect(): Rect } } | undefined };
			getViewOfComponentModel(model: unknown): { group: Group } | undefined;
		};
		const overlaps: LegendOverlap[] = [];
		let checked = 0;
		for (const element of document.querySelectorAll<HTMLElement & { slmiChart?: Chart }>('.chart')) {
			const chart = element.slmiChart;
			if (!chart || element.getBoundingClientRect().width === 0) continue;
			const legendModel = chart.getModel().getComponent('legend');
			const grid = chart.getModel().getComponent('grid')?.coordinateSystem?.getRect();
			if (!legendModel || !grid) continue;
			const group = chart.getViewOfComponentModel(legendModel)?.group;
			if (!group) continue;
			const local = group.getBoundingRect();
			if (local.width === 0) continue;
			checked++;
			const legend = { x: group.x + local.x, y: group.y + local.y, width: local.width, height: local.height };
			const apart =
				legend.x + legend.width <= grid.x ||
				grid.x + grid.width <= legend.x ||
				legend.y + legend.height <= grid.y ||
				grid.y + grid.height <= legend.y;
			if (!apart) {
				const chartName = element.closest('[data-chart-id]')?.getAttribute('data-chart-id') ?? element.getAttribute('aria-label') ?? '?';
				overlaps.push({ chart: chartName, legend, plot: { x: grid.x, y: grid.y, width: grid.width, height: grid.height } });
			}
		}
		return { checked, overlaps };
	});
}

/** Links and buttons smaller than `min` CSS pixels in either direction (visible ones, outside running text). */
export async function smallTapTargets(page: Page, min: number): Promise<string[]> {
	return page.evaluate((minimum) => {
		const out: string[] = [];
		for (const element of document.querySelectorAll<HTMLElement>(
			'a[href], button, select, input:not([type=hidden]), summary, [role=button]',
		)) {
			const style = getComputedStyle(element);
			if (style.display === 'none' || style.visibility === 'hidden') continue;
			// A checkbox or radio button is tapped through its label as well.
			const input = element as HTMLInputElement;
			const label = input.type === 'checkbox' || input.type === 'radio' ? element.closest('label') : null;
			const r = (label ?? element).getBoundingClientRect();
			if (r.width <= 1 && r.height <= 1) continue;
			// Visually hidden until focused (skip link, keyboard lists): not a tap target.
			if (element.closest('.skip, .keyboard-list')) continue;
			// A link inside a sentence or a table cell is exempt (WCAG 2.5.8 "inline").
			if (element.tagName === 'A' && element.closest('p, td, th, li.inline, figcaption')) continue;
			// (half a pixel of rounding is not a smaller target)
			if (r.width < minimum - 0.5 || r.height < minimum - 0.5) {
				out.push(
					`${element.tagName.toLowerCase()} "${(element.textContent ?? element.getAttribute('aria-label') ?? '').trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`,
				);
			}
		}
		return out;
	}, min);
}

/**
 * Pairs of axis labels that ECharts draws on top of each other (as laid out: each visible text
 * element of each axis, in chart pixels), for every chart on the page; and every category axis on
 * the left (a horizontal bar chart's: one row per category) that draws fewer labels than it has
 * categories — ECharts left some out.
 */
export async function axisLabelCollisions(
	page: Page,
): Promise<{ checked: number; collisions: string[]; missing: string[]; barAxes: number }> {
	return page.evaluate(() => {
		type Rect = { x: number; y: number; width: number; height: number; applyTransform(m: unknown): void; clone(): Rect };
		type El = {
			type: string;
			ignore?: boolean;
			invisible?: boolean;
			style?: { text?: string; opacity?: number };
			getBoundingRect(): Rect;
			getComputedTransform(): unknown;
		};
		type Group = { traverse(cb: (el: El) => void): void };
		type AxisModel = { get(key: string): unknown };
		type Chart = {
			getModel(): { findComponents(q: { mainType: string }): AxisModel[] };
			getViewOfComponentModel(model: unknown): { group: Group } | undefined;
		};
		const collisions: string[] = [];
		const missing: string[] = [];
		let checked = 0;
		let barAxes = 0;
		for (const element of document.querySelectorAll<HTMLElement & { slmiChart?: Chart }>('.chart')) {
			const chart = element.slmiChart;
			if (!chart || element.getBoundingClientRect().width === 0) continue;
			const name = element.closest('[data-chart-id]')?.getAttribute('data-chart-id') ?? element.getAttribute('aria-label') ?? '?';
			for (const mainType of ['xAxis', 'yAxis']) {
				for (const axisModel of chart.getModel().findComponents({ mainType })) {
					const group = chart.getViewOfComponentModel(axisModel)?.group;
					if (!group) continue;
					const labels: { text: string; r: Rect }[] = [];
					group.traverse((el) => {
						if (el.type !== 'text' || el.ignore || el.invisible || !el.style?.text) return;
						const r = el.getBoundingRect().clone();
						r.applyTransform(el.getComputedTransform());
						labels.push({ text: el.style.text, r });
					});
					checked++;
					const categories = axisModel.get('type') === 'category' ? axisModel.get('data') : undefined;
					if (mainType === 'yAxis' && Array.isArray(categories)) {
						barAxes++;
						if (labels.length < categories.length) missing.push(`${name}: ${labels.length} of ${categories.length} category labels drawn`);
					}
					for (let i = 0; i < labels.length; i++) {
						for (let j = i + 1; j < labels.length; j++) {
							const a = labels[i]?.r as Rect;
							const b = labels[j]?.r as Rect;
							// one pixel of touching is not a collision
							const overlapX = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
							const overlapY = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
							if (overlapX > 1 && overlapY > 1) collisions.push(`${name} ${mainType}: "${labels[i]?.text}" over "${labels[j]?.text}"`);
						}
					}
				}
			}
		}
		return { checked, collisions, missing, barAxes };
	});
}
