// Directory lookups for listeners and background work.
export { findMember, findMembersByIds } from '../../db/queries/members.ts';
