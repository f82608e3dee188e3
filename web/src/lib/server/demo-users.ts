/**
 * The demo accounts, one per role (printed by `npm start`). They stand in for the ministry's
 * identity provider; the role and province that go into a Cube token come from here, never from
 * the browser. No $env import, so the launcher can print them too.
 */
export type Role = 'minister' | 'director' | 'regional' | 'officer';

export interface User {
	username: string;
	role: Role;
	/** Kemendagri province code, for regional heads and officers */
	province?: string;
	displayName: string;
}

/** Demo accounts (printed by `npm start`); the password is the same demo password for all. */
export const DEMO_USERS: readonly User[] = [
	{ username: 'menteri', role: 'minister', displayName: 'Menteri / Minister' },
	{ username: 'direktur', role: 'director', displayName: 'Direktur Penempatan / Director' },
	{ username: 'kepala-ntb', role: 'regional', province: '52', displayName: 'Kepala BP3MI Nusa Tenggara Barat' },
	{ username: 'kepala-jatim', role: 'regional', province: '35', displayName: 'Kepala BP3MI Jawa Timur' },
	// a third regional head for tests that need two of them while kepala-jatim is locked by the log-in throttle test
	{ username: 'kepala-jabar', role: 'regional', province: '32', displayName: 'Kepala BP3MI Jawa Barat' },
	// placement officers: pseudonymous candidate detail of their own province, every view audited
	// (docs/access.md "Officers"); they never get a Cube token
	{ username: 'petugas-ntb', role: 'officer', province: '52', displayName: 'Petugas Penempatan BP3MI Nusa Tenggara Barat' },
	{ username: 'petugas-jatim', role: 'officer', province: '35', displayName: 'Petugas Penempatan BP3MI Jawa Timur' },
];
export const DEMO_PASSWORD = 'slmi-demo';
