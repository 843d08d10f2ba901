import type { Db } from '../../db/database.ts';
import { findAwayMarkers } from '../../db/queries/away-markers.ts';
import { findMembersByIds } from '../../db/queries/members.ts';
import { type AwayRules, awayRules, defaultAwayMarkers, isAway } from './away.ts';

/** The workspace's away markers: its admins' list, or the default one. */
export async function loadAwayMarkers(db: Db, workspaceId: string): Promise<string[]> {
  return (await findAwayMarkers(db, workspaceId)) ?? [...defaultAwayMarkers];
}

export async function loadAwayRules(db: Db, workspaceId: string): Promise<AwayRules> {
  return awayRules(await loadAwayMarkers(db, workspaceId));
}

/** Of these people, the ones whose Slack status says they are away now. */
export async function findAwayPeople(
  db: Db,
  input: { workspaceId: string; userIds: string[]; now: Date },
): Promise<Set<string>> {
  if (input.userIds.length === 0) return new Set();
  const [members, rules] = await Promise.all([
    findMembersByIds(db, input.workspaceId, input.userIds),
    loadAwayRules(db, input.workspaceId),
  ]);
  return new Set([...members.values()].filter((m) => isAway(m, input.now, rules)).map((m) => m.user_id));
}
