import { describe, expect, it } from 'vitest';
import { addressKey, LoginThrottle } from './throttle.ts';

const MINUTE = 60_000;

describe('LoginThrottle', () => {
	it('locks a user name after 5 failures for the rest of its 15 minutes, from any address', () => {
		const throttle = new LoginThrottle();
		for (let i = 0; i < 5; i++) {
			expect(throttle.retryAfter('menteri', `10.0.0.${i}`, i * MINUTE)).toBe(0);
			throttle.recordFailure('menteri', `10.0.0.${i}`, i * MINUTE);
		}
		expect(throttle.retryAfter('menteri', '10.9.9.9', 5 * MINUTE)).toBe(10 * 60);
		expect(throttle.retryAfter('direktur', '10.9.9.9', 5 * MINUTE)).toBe(0);
		expect(throttle.retryAfter('menteri', '10.9.9.9', 15 * MINUTE - 1000)).toBe(1);
		expect(throttle.retryAfter('menteri', '10.9.9.9', 15 * MINUTE)).toBe(0);
	});

	it('locks an address after 20 failures, whatever the user names', () => {
		const throttle = new LoginThrottle();
		for (let i = 0; i < 19; i++) throttle.recordFailure(`guess-${i}`, '192.0.2.7', 0);
		expect(throttle.retryAfter('direktur', '192.0.2.7', 0)).toBe(0);
		throttle.recordFailure('guess-19', '192.0.2.7', 0);
		expect(throttle.retryAfter('direktur', '192.0.2.7', 0)).toBe(15 * 60);
		expect(throttle.retryAfter('direktur', '192.0.2.8', 0)).toBe(0);
		expect(throttle.retryAfter('direktur', '::ffff:192.0.2.7', 0)).toBe(15 * 60);
	});

	it('starts a fresh count once a window has passed', () => {
		const throttle = new LoginThrottle();
		for (let i = 0; i < 4; i++) throttle.recordFailure('menteri', '10.0.0.1', 0);
		throttle.recordFailure('menteri', '10.0.0.1', 15 * MINUTE);
		expect(throttle.retryAfter('menteri', '10.0.0.1', 15 * MINUTE)).toBe(0);
	});

	it('clears a user name’s count on a right password, not the address’s', () => {
		const throttle = new LoginThrottle({ user: { limit: 2, windowMs: MINUTE }, address: { limit: 3, windowMs: MINUTE }, maxKeys: 100 });
		throttle.recordFailure('menteri', '10.0.0.1', 0);
		throttle.recordSuccess('menteri');
		throttle.recordFailure('menteri', '10.0.0.1', 0);
		expect(throttle.retryAfter('menteri', '10.0.0.2', 0)).toBe(0);
		throttle.recordFailure('menteri', '10.0.0.1', 0);
		expect(throttle.retryAfter('menteri', '10.0.0.2', 0)).toBe(60);
		expect(throttle.retryAfter('direktur', '10.0.0.1', 0)).toBe(60);
	});

	it('keeps locks when a flood of made-up names fills the table', () => {
		const throttle = new LoginThrottle({
			user: { limit: 5, windowMs: 15 * MINUTE },
			address: { limit: 1000, windowMs: 15 * MINUTE },
			maxKeys: 50,
		});
		for (let i = 0; i < 5; i++) throttle.recordFailure('menteri', '10.0.0.1', 0);
		for (let i = 0; i < 500; i++) throttle.recordFailure(`flood-${i}`, `10.1.${i >> 8}.${i & 255}`, 1000);
		expect(throttle.size).toBeLessThanOrEqual(50);
		expect(throttle.retryAfter('menteri', '10.2.0.1', 2000)).toBeGreaterThan(0);
	});
});

describe('addressKey', () => {
	it('keys IPv4 by address and IPv6 by its /64', () => {
		expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
		expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
		expect(addressKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
		expect(addressKey('2001:0db8:0001:0002::9')).toBe('2001:db8:1:2::/64');
		expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
		expect(addressKey('2001:DB8:1:2:ffff::1%eth0')).toBe('2001:db8:1:2::/64');
		expect(addressKey('::1')).toBe('0:0:0:0::/64');
	});
});
