/** Browser-side downloads of what is already on the page (no new request to the server). */
export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
	const url = URL.createObjectURL(new Blob([text], { type }));
	const link = Object.assign(document.createElement('a'), { href: url, download: filename });
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * PNG of the first canvas inside an element (ECharts and MapLibre both draw on one), on a white
 * background so it prints and pastes cleanly.
 */
export function downloadCanvasPng(filename: string, root: HTMLElement): boolean {
	const source = root.querySelector('canvas');
	if (!source) return false;
	const canvas = document.createElement('canvas');
	canvas.width = source.width;
	canvas.height = source.height;
	const context = canvas.getContext('2d');
	if (!context) return false;
	context.fillStyle = '#ffffff';
	context.fillRect(0, 0, canvas.width, canvas.height);
	context.drawImage(source, 0, 0);
	const link = Object.assign(document.createElement('a'), { href: canvas.toDataURL('image/png'), download: filename });
	document.body.append(link);
	link.click();
	link.remove();
	return true;
}
