// The Slack facts teams are read from (profile fields, user groups), cached per workspace.
export {
  deleteUsergroupsExcept,
  findCachedUsergroups,
  findProfileValues,
  upsertProfileValues,
  upsertUsergroup,
} from '../../db/queries/pairing-teams.ts';
