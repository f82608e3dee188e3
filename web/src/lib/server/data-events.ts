/**
 * Tells open pages that new data can be shown (issue #14): one watcher per web process reads the
 * data version (data-version.ts: at most once per SLMI_DATA_VERSION_MS through Cube, however many
 * pages are open) and pushes its mark to every open page as a Server-Sent Event. A page compares
 * the mark with the one it was rendered with and offers to reload its data in place
 * (NewDataNotice.svelte).
 *
 * The mark is the time the latest batch became *visible* (after-load.ts records it once the
 * rollups and the pre-aggregations that read the batch are rebuilt), not when it was committed:
 * a reload before then would show the old numbers.
 *
 * A stream holds no render slot: the request passes the overload gate like any other and its slot
 * is given back as soon as the answer's headers are sent. Streams are bounded in number
 * (`maxStreams`, beyond that 503 and the browser retries later) and in lifetime (`lifetimeMs`,
 * then the stream ends and the browser's EventSource reconnects by itself), so a forgotten tab
 * never holds one for ever.
 */
import type { DataMark } from '../data-mark.ts';
import type { DataVersion } from './data-version.ts';

export function markOf(version: DataVersion | null): DataMark {
	return { visibleAt: version?.visibleAt ?? null, lastLoadedAt: version?.lastLoadedAt ?? null };
}

export interface DataEventLimits {
	/** how often the watcher asks for the version while a page listens */
	pollMs: number;
	/** open streams per process at most */
	maxStreams: number;
	/** a stream ends after this long; the browser reconnects */
	lifetimeMs: number;
	/** a comment line this often keeps proxies from closing an idle stream */
	keepAliveMs: number;
}

interface Stream {
	send(text: string): void;
	close(): void;
}

const encoder = new TextEncoder();

export class DataEvents {
	private readonly streams = new Set<Stream>();
	private timer: ReturnType<typeof setInterval> | undefined;
	private lastSent = '';
	private lastKeepAlive = 0;
	private counts = { opened: 0, refused: 0, pushed: 0 };

	constructor(
		private readonly version: () => Promise<DataVersion | null>,
		private readonly limits: DataEventLimits,
		private readonly now: () => number = Date.now,
	) {}

	/** The answer to one page's `new EventSource(...)`. */
	open(): Response {
		if (this.streams.size >= this.limits.maxStreams) {
			this.counts.refused++;
			return new Response('busy', { status: 503, headers: { 'retry-after': '30', 'cache-control': 'no-store' } });
		}
		this.counts.opened++;
		let stream: Stream | undefined;
		let ends: ReturnType<typeof setTimeout> | undefined;
		const body = new ReadableStream<Uint8Array>({
			start: (controller) => {
				const own: Stream = {
					send: (text) => {
						try {
							controller.enqueue(encoder.encode(text));
						} catch {
							this.drop(own);
						}
					},
					close: () => {
						this.drop(own);
						try {
							controller.close();
						} catch {
							// already closed by the browser
						}
					},
				};
				stream = own;
				this.streams.add(own);
				// the browser waits this long before reconnecting after the stream ends
				own.send('retry: 5000\n\n');
				void this.version().then((version) => own.send(message(markOf(version))));
				ends = setTimeout(() => own.close(), this.limits.lifetimeMs);
				this.watch();
			},
			cancel: () => {
				clearTimeout(ends);
				if (stream) this.drop(stream);
			},
		});
		return new Response(body, {
			headers: {
				'content-type': 'text/event-stream; charset=utf-8',
				'cache-control': 'no-store',
				'x-accel-buffering': 'no',
			},
		});
	}

	stats() {
		return { open: this.streams.size, ...this.counts };
	}

	private drop(stream: Stream): void {
		this.streams.delete(stream);
		if (this.streams.size === 0 && this.timer) {
			clearInterval(this.timer);
			this.timer = undefined;
		}
	}

	/** One timer per process, running only while a page listens. */
	private watch(): void {
		if (this.timer) return;
		this.lastKeepAlive = this.now();
		this.timer = setInterval(() => void this.tick(), this.limits.pollMs);
		this.timer.unref?.();
	}

	private async tick(): Promise<void> {
		const text = message(markOf(await this.version()));
		if (text !== this.lastSent) {
			this.lastSent = text;
			this.counts.pushed++;
			for (const stream of [...this.streams]) stream.send(text);
		} else if (this.now() - this.lastKeepAlive >= this.limits.keepAliveMs) {
			this.lastKeepAlive = this.now();
			for (const stream of [...this.streams]) stream.send(': keep-alive\n\n');
		}
	}
}

function message(mark: DataMark): string {
	return `event: data\ndata: ${JSON.stringify(mark)}\n\n`;
}
