/**
 * The matching engine's last run status in words (the stored status is the solver's English
 * code): proven optimal, rounded from the LP relaxation (with the fill against its upper bound),
 * or stopped at the time limit with the best solution found.
 */
import type { MessageKey } from './i18n/index.ts';

export interface RunStatus {
	status: string;
	/** slots the run's assignment fills */
	fillable: number | null;
	/** the LP relaxation's upper bound (0 or null: not recorded) */
	fillBound: number | null;
}

export function runStatusText(t: (key: MessageKey) => string, run: RunStatus, n: (v: number | null) => string): string {
	const bound = run.fillBound ? run.fillBound : null;
	if (run.status === 'Optimal') return t('matching.statusOptimal');
	if (run.status === 'Rounded')
		return t(bound !== null && run.fillable === bound ? 'matching.statusRoundedAtBound' : 'matching.statusRounded')
			.replace('{fill}', n(run.fillable))
			.replace('{bound}', n(bound));
	if (run.status === 'Time limit reached')
		return t('matching.statusTimeLimit').replace('{fill}', n(run.fillable)).replace('{bound}', n(bound));
	return t('matching.statusOther').replace('{status}', run.status);
}
