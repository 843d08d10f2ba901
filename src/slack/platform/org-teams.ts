/**
 * An org-wide (Enterprise Grid) install is one Nudge workspace over every Slack workspace of the organisation
 * it was granted, with one token for all of them. Slack's listing methods (`users.list`, `usergroups.list`,
 * `usergroups.users.list`, `conversations.list`) cannot tell from that token which workspace is meant, and
 * answer `missing_argument` unless `team_id` names it. A workspace's own install needs no `team_id`.
 *
 * A listener's Bolt client already sends the request's team as `team_id` on every call. Jobs call through the
 * worker's client, which belongs to no team: they name the workspace themselves, from the job (the team a
 * command came from) or from `SlackSender.teamScopes` (every workspace the install was granted).
 */

/** The arguments that name one Slack workspace to a listing method: `{}` where the token already does. */
export type TeamScope = { team_id?: string };

/** For a request's team: its `team_id` when the install is org-wide, else nothing. */
export function teamScopeOf(tenant: { teamId?: string | undefined; isEnterpriseInstall?: boolean }): TeamScope {
  return tenant.isEnterpriseInstall && tenant.teamId ? { team_id: tenant.teamId } : {};
}
