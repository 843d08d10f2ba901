import { findMembersByIds } from '../src/domain/directory/find-members.ts';
import type { Programme } from '../src/domain/pairing/find-programme.ts';
import { needsProfileFields, teamSettingsOf } from '../src/domain/pairing/team-facts.ts';
import {
  deleteUsergroupsExcept,
  findCachedUsergroups,
  findProfileValues,
  upsertProfileValues,
  upsertUsergroup,
} from '../src/domain/pairing/team-facts-cache.ts';
import type { TeamScope } from '../src/slack/platform/org-teams.ts';
import { SlackPermanentError } from '../src/slack/platform/send-errors.ts';
import type { ProcessorDeps } from './processor.ts';
import { WindowPacer } from './slack-pacer.ts';

/**
 * Before a round is matched, reads from Slack what its team source needs and keeps it in Postgres: each
 * member's custom profile fields (users.profile.get, Tier 4: users.list leaves them out) or the user groups
 * and their members (usergroups.list / usergroups.users.list, Tier 2). Values younger than `maxAgeMs` are
 * reused, so a round parked by a 429 resumes where it stopped instead of asking Slack for everyone again, and
 * a big workspace's reads spread over several minutes within the tiers.
 */

const maxAgeMs = 12 * 3600 * 1000;
// Slack's windows, 3 % longer (as for intros): a call that reaches Slack a little late still fits.
const profilePacer = new WindowPacer({ method: 'users.profile.get', limit: 100, windowMs: 61_800, maxWaitSlots: 5 });
const groupPacer = new WindowPacer({ method: 'usergroups.users.list', limit: 20, windowMs: 61_800, maxWaitSlots: 2 });

type ProfileResponse = { profile?: { fields?: Record<string, { value?: unknown } | null> | unknown[] | null } };
type UsergroupsResponse = { usergroups?: Array<{ id?: unknown; handle?: unknown; name?: unknown }> };

/** Slack sends `fields` as an object keyed by field id, or as an empty array (or null) when none are filled in. */
function fieldValues(response: ProfileResponse): Record<string, string> {
  const fields = response.profile?.fields;
  const values: Record<string, string> = {};
  if (!fields || Array.isArray(fields)) return values;
  for (const [id, field] of Object.entries(fields)) {
    if (typeof field?.value === 'string' && field.value.trim() !== '') values[id] = field.value;
  }
  return values;
}

async function refreshProfiles(deps: ProcessorDeps, workspaceId: string, userIds: string[]): Promise<number> {
  const now = deps.clock.now();
  const [members, cached] = await Promise.all([
    findMembersByIds(deps.db, workspaceId, userIds),
    findProfileValues(deps.db, workspaceId, userIds),
  ]);
  let fetched = 0;
  for (const member of members.values()) {
    if (member.is_bot || member.is_deleted) continue;
    const fresh = cached.get(member.user_id);
    if (fresh && now.getTime() - fresh.fetchedAt.getTime() < maxAgeMs) continue;
    // The directory's own copy, when a recent user_change brought the fields (users.list never does).
    const synced = Object.keys(member.profile_fields).length > 0;
    if (synced && now.getTime() - member.synced_at.getTime() < maxAgeMs) continue;
    await profilePacer.take(workspaceId, deps.slackTimeScale);
    const response = await deps.sender
      .call<ProfileResponse>(workspaceId, 'users.profile.get', { user: member.user_id })
      .catch((error: unknown) => {
        // Someone Slack no longer knows has no fields; anything else (a 429 included) stops the round for now.
        if (error instanceof SlackPermanentError) return {} as ProfileResponse;
        throw error;
      });
    await upsertProfileValues(deps.db, {
      workspaceId,
      userId: member.user_id,
      fields: fieldValues(response),
      now: deps.clock.now(),
    });
    fetched += 1;
  }
  return fetched;
}

async function refreshUsergroups(deps: ProcessorDeps, workspaceId: string, chosenIds: string[]): Promise<number> {
  // On an org-wide install each granted workspace has its own groups, listed (and read) by naming it.
  const groups: Array<{ id: string; handle: string; name: string; scope: TeamScope }> = [];
  for (const scope of await deps.sender.teamScopes(workspaceId)) {
    const listed = await deps.sender.call<UsergroupsResponse>(workspaceId, 'usergroups.list', {
      ...scope,
      include_disabled: false,
    });
    for (const g of listed.usergroups ?? []) {
      if (typeof g.id !== 'string') continue;
      groups.push({
        id: g.id,
        handle: typeof g.handle === 'string' ? g.handle : '',
        name: typeof g.name === 'string' ? g.name : g.id,
        scope,
      });
    }
  }
  const counted = groups.filter((g) => chosenIds.length === 0 || chosenIds.includes(g.id));
  await deleteUsergroupsExcept(
    deps.db,
    workspaceId,
    groups.map((g) => g.id),
  );
  const cached = new Map((await findCachedUsergroups(deps.db, workspaceId)).map((g) => [g.usergroup_id, g]));
  let fetched = 0;
  for (const group of counted) {
    const fresh = cached.get(group.id);
    if (fresh && deps.clock.now().getTime() - fresh.fetched_at.getTime() < maxAgeMs) continue;
    await groupPacer.take(workspaceId, deps.slackTimeScale);
    const members = await deps.sender
      .call<{ users?: unknown[] }>(workspaceId, 'usergroups.users.list', { ...group.scope, usergroup: group.id })
      .catch((error: unknown) => {
        // A group deleted between the two calls has nobody in it.
        if (error instanceof SlackPermanentError) return { users: [] };
        throw error;
      });
    await upsertUsergroup(deps.db, {
      workspaceId,
      id: group.id,
      handle: group.handle,
      name: group.name,
      members: (members.users ?? []).filter((u): u is string => typeof u === 'string'),
      now: deps.clock.now(),
    });
    fetched += 1;
  }
  return fetched;
}

export async function refreshTeamFacts(
  deps: ProcessorDeps,
  programme: Programme,
  channelMemberIds: string[],
): Promise<{ profilesRead: number; usergroupsRead: number }> {
  const settings = teamSettingsOf(programme);
  const profilesRead = needsProfileFields(settings)
    ? await refreshProfiles(deps, programme.workspace_id, channelMemberIds)
    : 0;
  const usergroupsRead =
    settings.teamSource === 'usergroup'
      ? await refreshUsergroups(deps, programme.workspace_id, settings.teamUsergroupIds)
      : 0;
  return { profilesRead, usergroupsRead };
}
