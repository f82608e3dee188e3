/**
 * Progress of a long load: on a terminal, one line redrawn in place (bar, rows, rows/s); in a log
 * file or CI, a plain line every PLAIN_EVERY_MS. Written to stderr so stdout stays the report.
 */
const BAR = 24;
const TTY_EVERY_MS = 100;
const PLAIN_EVERY_MS = 10_000;

export interface ProgressSink {
	isTTY: boolean;
	write(text: string): void;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');

export class Progress {
	private label = '';
	private totalBytes = 0;
	private bytes = 0;
	private rows = 0;
	private started = 0;
	private lastDraw = 0;
	private drawn = false;

	constructor(
		private readonly enabled: boolean,
		private readonly sink: ProgressSink = { isTTY: Boolean(process.stderr.isTTY), write: (t) => process.stderr.write(t) },
	) {}

	start(label: string, totalBytes: number): void {
		this.label = label;
		this.totalBytes = totalBytes;
		this.bytes = 0;
		this.rows = 0;
		this.started = Date.now();
		this.lastDraw = this.started;
	}

	addBytes(n: number): void {
		this.bytes += n;
	}

	addRows(n: number): void {
		this.rows += n;
		if (!this.enabled) return;
		const now = Date.now();
		if (now - this.lastDraw >= (this.sink.isTTY ? TTY_EVERY_MS : PLAIN_EVERY_MS)) {
			this.lastDraw = now;
			this.draw(now);
		}
	}

	/** Clears the redrawn line (before another line is printed, or at the end of a file); the next update redraws it. */
	done(): void {
		if (this.enabled && this.sink.isTTY && this.drawn) this.sink.write('\r\x1b[K');
		this.drawn = false;
	}

	rate(): number {
		const seconds = (Date.now() - this.started) / 1000;
		return seconds > 0 ? this.rows / seconds : 0;
	}

	private draw(now: number): void {
		const seconds = (now - this.started) / 1000;
		const rate = seconds > 0 ? this.rows / seconds : 0;
		const share = this.totalBytes > 0 ? Math.min(1, this.bytes / this.totalBytes) : 0;
		if (this.sink.isTTY) {
			const filled = Math.round(share * BAR);
			const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR - filled)}`;
			this.sink.write(`\r\x1b[K${this.label} ${bar} ${Math.floor(share * 100)}%  ${fmt(this.rows)} rows  ${fmt(rate)} rows/s`);
			this.drawn = true;
		} else {
			this.sink.write(`${this.label}: ${Math.floor(share * 100)}% read, ${fmt(this.rows)} rows, ${fmt(rate)} rows/s\n`);
		}
	}
}
