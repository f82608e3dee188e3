/**
 * The web's side of the contract with Cube: member names as types, generated from the compiled
 * model (common/cube-members.generated.ts, `npm run generate:members`). A query that names a
 * member the model does not have fails `npm run check`; names put together from parts
 * (`${cube}.${dimension}`) go through the helpers below, which type the parts instead.
 */
import type { CubeMember, CubeName, DimensionMember, MeasureMember, TimeMember } from '../../../common/cube-members.generated.ts';

export type { CubeMember, CubeName, DimensionMember, MeasureMember, TimeMember };

/** The local names (after the dot) of cube `C`'s members of one kind: `LocalName<'placements', TimeMember>` = 'departure_date'. */
export type LocalName<C extends CubeName, M extends CubeMember = CubeMember> = M extends `${C}.${infer L}` ? L : never;

/** A time dimension from its cube and local name; both parts are checked, so the whole name is one of the model's. */
export function timeMember<C extends CubeName>(cube: C, local: LocalName<C, TimeMember>): TimeMember {
	return `${cube}.${local}` as TimeMember;
}

/** A dimension (time dimensions too) from its cube and local name. */
export function dimensionMember<C extends CubeName>(
	cube: C,
	local: LocalName<C, DimensionMember | TimeMember>,
): DimensionMember | TimeMember {
	return `${cube}.${local}` as DimensionMember | TimeMember;
}

/**
 * Whether Cube's /meta (the role's `members` set) has a name built at run time; the type then
 * follows. The set is what Cube itself answered, so this never trusts a string the model lacks.
 */
export function isMember(name: string, members: ReadonlySet<string>): name is CubeMember {
	return members.has(name);
}
