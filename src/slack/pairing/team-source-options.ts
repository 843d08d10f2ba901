import type { WebClient } from '@slack/web-api';
import type { AvailableTeamSources } from '../../domain/pairing/update-programme.ts';

/** The custom profile fields and user groups an admin can choose teams from; null where Slack could not be asked. */
export interface TeamSourceOptions {
  profileFields: Array<{ id: string; label: string }> | null;
  usergroups: Array<{ id: string; name: string; handle: string }> | null;
}

type ProfileField = { id?: unknown; label?: unknown };
type Usergroup = { id?: unknown; name?: unknown; handle?: unknown };

/** A modal's trigger lives 3 s and a submission must be answered in 3 s: Slack gets this long to tell us. */
const answerWithinMs = 1_200;

function inTime<T>(call: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), answerWithinMs);
  });
  return Promise.race([call.catch(() => undefined), late]).finally(() => clearTimeout(timer));
}

/**
 * team.profile.get (Tier 3) and usergroups.list (Tier 2), both once per modal opened or submitted: far inside
 * their tiers. A failure or a slow answer costs only those choices, never the modal.
 */
export async function fetchTeamSourceOptions(client: WebClient): Promise<TeamSourceOptions> {
  const [profile, groups] = await Promise.all([
    inTime(client.team.profile.get({})),
    inTime(client.usergroups.list({ include_disabled: false })),
  ]);
  const usergroups = (groups as { usergroups?: Usergroup[] } | undefined)?.usergroups;
  return {
    profileFields: profileFieldsOf(profile),
    usergroups: Array.isArray(usergroups)
      ? usergroups.flatMap((g) =>
          typeof g.id === 'string'
            ? [
                {
                  id: g.id,
                  name: typeof g.name === 'string' ? g.name : g.id,
                  handle: typeof g.handle === 'string' ? g.handle : '',
                },
              ]
            : [],
        )
      : null,
  };
}

function profileFieldsOf(profile: unknown): TeamSourceOptions['profileFields'] {
  const fields = (profile as { profile?: { fields?: ProfileField[] } } | undefined)?.profile?.fields;
  return Array.isArray(fields)
    ? fields.flatMap((f) =>
        typeof f.id === 'string' ? [{ id: f.id, label: typeof f.label === 'string' && f.label ? f.label : f.id }] : [],
      )
    : null;
}

/** The workspace's custom profile fields alone (team.profile.get, Tier 3), within the same short wait. */
export async function fetchProfileFields(client: WebClient): Promise<TeamSourceOptions['profileFields']> {
  return profileFieldsOf(await inTime(client.team.profile.get({})));
}

export function availableTeamSources(options: TeamSourceOptions): AvailableTeamSources {
  return {
    profileFieldIds: options.profileFields?.map((f) => f.id) ?? null,
    usergroupIds: options.usergroups?.map((g) => g.id) ?? null,
  };
}
