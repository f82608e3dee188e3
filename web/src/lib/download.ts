/** Browser-side downloads of what is already on the page (no new request to the server). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
	downloadBlob(filename, new Blob([text], { type }));
}

export function downloadBytes(filename: string, bytes: Uint8Array, type: string): void {
	downloadBlob(filename, new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
}

function downloadBlob(filename: string, blob: Blob): void {
	const url = URL.createObjectURL(blob);
	const link = Object.assign(document.createElement('a'), { href: url, download: filename });
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** What a picture of a chart says around it. */
export interface PictureText {
	title: string;
	/** under the title: the page's subject and the active filters */
	lines: string[];
	/** under the chart: data date and source */
	footer: string[];
}

const FONT = 'system-ui, "DejaVu Sans", Arial, sans-serif';

/**
 * The chart of a card as a briefing picture: title and filters above, the chart (the first canvas
 * inside `root`: ECharts and MapLibre both draw on one) at its own pixel size, the map legend (the
 * HTML legend beside a map, drawn in its exact colours) and data date and source below, on white.
 */
export function composeChart(root: HTMLElement, text: PictureText): HTMLCanvasElement | null {
	// A map drawn as SVG (before MapLibre takes over, ChoroplethMap.svelte) is drawn as it shows.
	const svg = root.querySelector<SVGSVGElement>('svg.choropleth');
	const source = svg ? svgAsCanvas(svg) : root.querySelector('canvas');
	if (!source) return null;
	const ratio = source.clientWidth > 0 ? source.width / source.clientWidth : window.devicePixelRatio || 1;
	const px = (n: number) => Math.round(n * ratio);
	const pad = px(12);
	const width = Math.max(source.width + 2 * pad, px(480));
	const inner = width - 2 * pad;
	const measure = document.createElement('canvas').getContext('2d');
	if (!measure) return null;
	const fonts = { title: `bold ${px(16)}px ${FONT}`, line: `${px(12)}px ${FONT}`, small: `${px(11)}px ${FONT}` };
	const wrap = (line: string, font: string): string[] => {
		measure.font = font;
		const out: string[] = [];
		let current = '';
		for (const word of line.split(/\s+/)) {
			const next = current ? `${current} ${word}` : word;
			if (current && measure.measureText(next).width > inner) {
				out.push(current);
				current = word;
			} else current = next;
		}
		if (current) out.push(current);
		return out;
	};
	type Op = (c: CanvasRenderingContext2D) => void;
	const ops: Op[] = [];
	let y = pad;
	const write = (line: string, font: string, color: string, height: number) => {
		for (const part of wrap(line, font)) {
			const at = y;
			ops.push((c) => {
				c.font = font;
				c.fillStyle = color;
				c.textBaseline = 'top';
				c.fillText(part, pad, at);
			});
			y += height;
		}
	};
	write(text.title, fonts.title, '#1b1f23', px(21));
	for (const line of text.lines) write(line, fonts.line, '#3b4650', px(16));
	y += px(6);
	const chartY = y;
	const chartX = Math.round((width - source.width) / 2);
	ops.push((c) => c.drawImage(source, chartX, chartY));
	y += source.height + px(8);
	const legend = [...root.querySelectorAll<HTMLElement>('.legend .swatch')].map((swatch) => ({
		color: getComputedStyle(swatch).backgroundColor,
		label: swatch.nextElementSibling?.textContent?.trim() ?? '',
	}));
	if (legend.length > 0) {
		measure.font = fonts.small;
		const [sw, sh, gap, row] = [px(14), px(10), px(4), px(16)];
		let x = pad;
		for (const item of legend) {
			const itemWidth = sw + gap + measure.measureText(item.label).width + px(12);
			if (x > pad && x + itemWidth > width - pad) {
				x = pad;
				y += row;
			}
			const [ix, iy] = [x, y + Math.round((row - sh) / 2)];
			ops.push((c) => {
				c.fillStyle = '#999999';
				c.fillRect(ix - 1, iy - 1, sw + 2, sh + 2);
				c.fillStyle = item.color;
				c.fillRect(ix, iy, sw, sh);
				c.font = fonts.small;
				c.fillStyle = '#1b1f23';
				c.textBaseline = 'middle';
				c.fillText(item.label, ix + sw + gap, iy + sh / 2);
			});
			x += itemWidth;
		}
		y += row + px(6);
	}
	// a map's attribution (boundary licence) travels with its picture
	const attribution = root.querySelector('.maplibregl-ctrl-attrib-inner')?.textContent?.trim();
	for (const line of attribution ? [...text.footer, attribution] : text.footer) write(line, fonts.small, '#5a6570', px(15));
	y += pad;
	const canvas = document.createElement('canvas');
	canvas.width = width;
	canvas.height = Math.ceil(y);
	const context = canvas.getContext('2d');
	if (!context) return null;
	context.fillStyle = '#ffffff';
	context.fillRect(0, 0, canvas.width, canvas.height);
	for (const op of ops) op(context);
	return canvas;
}

/**
 * A map's SVG as a canvas at the screen's pixel ratio, as MapLibre's canvas would be: its
 * background and paths with their fills and strokes (Path2D takes SVG path data), drawn at once
 * (an <img> of the SVG would load asynchronously).
 */
export function svgAsCanvas(svg: SVGSVGElement): HTMLCanvasElement | null {
	const ratio = window.devicePixelRatio || 1;
	const [width, height] = [svg.clientWidth, svg.clientHeight];
	const canvas = Object.assign(document.createElement('canvas'), { width: Math.round(width * ratio), height: Math.round(height * ratio) });
	const context = canvas.getContext('2d');
	if (!context) return null;
	// the SVG's own units (ChoroplethMap's paths: tenths of a pixel at their zoom) to the canvas's
	// pixels, from the part of them its viewBox shows (the map's camera)
	const view = svg.viewBox.baseVal;
	const units = view.width > 0 ? width / view.width : 1;
	const [left, top] = view.width > 0 ? [view.x, view.y] : [0, 0];
	context.setTransform(ratio * units, 0, 0, ratio * units, -left * ratio * units, -top * ratio * units);
	for (const element of svg.querySelectorAll('rect, path')) {
		const fill = element.getAttribute('fill');
		if (element.tagName === 'rect') {
			context.fillStyle = fill ?? '#000000';
			context.fillRect(left, top, width / units, height / units);
			continue;
		}
		const path = new Path2D(element.getAttribute('d') ?? '');
		if (fill && fill !== 'none') {
			context.fillStyle = fill;
			context.fill(path, element.getAttribute('fill-rule') === 'evenodd' ? 'evenodd' : 'nonzero');
		}
		const stroke = element.getAttribute('stroke');
		if (stroke && stroke !== 'none') {
			context.strokeStyle = stroke;
			// a non-scaling stroke's width is in the screen's pixels, not the SVG's units
			const strokeWidth = Number(element.getAttribute('stroke-width') ?? 1);
			context.lineWidth = element.getAttribute('vector-effect') === 'non-scaling-stroke' ? strokeWidth / units : strokeWidth;
			context.lineJoin = 'round';
			context.stroke(path);
		}
	}
	return canvas;
}

export function downloadCanvasPng(filename: string, canvas: HTMLCanvasElement): void {
	const link = Object.assign(document.createElement('a'), { href: canvas.toDataURL('image/png'), download: filename });
	document.body.append(link);
	link.click();
	link.remove();
}

/** The canvas's RGB pixels, zlib-compressed (what the PDF embeds, losslessly). */
export async function canvasRgbDeflated(canvas: HTMLCanvasElement): Promise<Uint8Array> {
	const context = canvas.getContext('2d');
	if (!context) throw new Error('no 2d context');
	const rgba = context.getImageData(0, 0, canvas.width, canvas.height).data;
	const rgb = new Uint8Array((rgba.length / 4) * 3);
	for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
		rgb[j] = rgba[i] as number;
		rgb[j + 1] = rgba[i + 1] as number;
		rgb[j + 2] = rgba[i + 2] as number;
	}
	const stream = new Blob([rgb]).stream().pipeThrough(new CompressionStream('deflate'));
	return new Uint8Array(await new Response(stream).arrayBuffer());
}
