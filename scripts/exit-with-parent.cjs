/**
 * Preloaded (`node --require`) into the services `npm start`, the tests and the benchmark spawn
 * (Cube, the web app): the service exits when the process that started it is gone. When a parent
 * ends in any way — also SIGKILL, which runs no handler — its children are adopted by another
 * process and their parent pid changes; the service checks that once a second and stops instead of
 * holding its port for the next start (2026-12-04: a `kill` of `npm start` left Cube and the web
 * app running, and the next start failed with EADDRINUSE). Active only when SLMI_EXIT_WITH_PARENT
 * holds the spawning process's pid (so a parent that died before the service started is noticed,
 * too); the file is inert anywhere else.
 *
 * Not the stdin pipe: touching process.stdin in a preload stopped `--import tsx` from running the
 * main module at all (Node 20.20, tsx 4.23: the process exited 0 without a line).
 */
const parent = Number(process.env.SLMI_EXIT_WITH_PARENT);
// not passed on: a process the service forks (fork() repeats this preload) has the service as parent
delete process.env.SLMI_EXIT_WITH_PARENT;
if (Number.isInteger(parent) && parent > 1) {
	const { readFileSync } = require('node:fs');
	/** The parent pid now: Node's process.ppid is read once at start, /proc is read fresh (Linux). */
	const parentNow = () => {
		try {
			const stat = readFileSync('/proc/self/stat', 'utf8');
			return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
		} catch {
			try {
				process.kill(parent, 0);
				return parent;
			} catch {
				return -1;
			}
		}
	};
	const timer = setInterval(() => {
		if (parentNow() !== parent) process.exit(0);
	}, 1000);
	// the check must not keep a service alive on its own once it would otherwise end
	timer.unref();
}
