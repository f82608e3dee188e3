/**
 * The seeded sequence the matching engine's unit tests build their markets with (a linear
 * congruential generator with glibc's constants, modulo 2^31, computed in doubles exactly as those
 * tests always did): the same markets on every run and machine.
 */
export function lcg(seed: number): () => number {
	let x = seed;
	return () => {
		x = (x * 1103515245 + 12345) % 2147483648;
		return x / 2147483648;
	};
}
