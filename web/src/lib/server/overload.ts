/**
 * Overload handling (issue #13): at most `concurrency` jobs run at once, at most `queue` more wait
 * (first come, first served, each at most `waitMs`), and everything beyond is refused at once with
 * `Busy`, which the web app answers as 503 with Retry-After: never a 30 s hang, and the memory a
 * burst can take is bounded by concurrency + queue.
 */
export class Busy extends Error {
	constructor(readonly retryAfterSeconds: number) {
		super('The server is busy; try again in a moment');
	}
}

export interface GateLimits {
	concurrency: number;
	queue: number;
	waitMs: number;
	/** said to clients in Retry-After */
	retryAfterSeconds: number;
}

export class Gate {
	private running = 0;
	private readonly waiting: { start: () => void; timer: ReturnType<typeof setTimeout> }[] = [];
	private counts = { run: 0, refused: 0, timedOut: 0 };

	constructor(readonly limits: GateLimits) {}

	async run<T>(job: () => Promise<T>): Promise<T> {
		if (this.running >= this.limits.concurrency) await this.wait();
		else this.running += 1;
		this.counts.run += 1;
		try {
			return await job();
		} finally {
			this.release();
		}
	}

	stats() {
		return { running: this.running, waiting: this.waiting.length, ...this.counts };
	}

	private wait(): Promise<void> {
		if (this.waiting.length >= this.limits.queue) {
			this.counts.refused += 1;
			return Promise.reject(new Busy(this.limits.retryAfterSeconds));
		}
		return new Promise((resolve, reject) => {
			const slot = {
				// the running count is handed over by release(): the slot stays taken
				start: () => {
					clearTimeout(slot.timer);
					resolve();
				},
				timer: setTimeout(() => {
					const i = this.waiting.indexOf(slot);
					if (i >= 0) this.waiting.splice(i, 1);
					this.counts.timedOut += 1;
					reject(new Busy(this.limits.retryAfterSeconds));
				}, this.limits.waitMs),
			};
			this.waiting.push(slot);
		});
	}

	private release(): void {
		const next = this.waiting.shift();
		if (next) next.start();
		else this.running -= 1;
	}
}
