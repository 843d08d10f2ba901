import { teamObject } from '../../slack-objects.ts';
import { fail, type MethodDefinition, ok, paginate } from '../method-context.ts';
import { intArg, stringArg } from '../parse-request.ts';

export const authTeamMethods: Record<string, MethodDefinition> = {
  'auth.test': {
    auth: 'bot',
    tier: 'special',
    handle({ workspace, org }) {
      if (org) {
        // An org-wide token speaks for the organisation, not for one of its workspaces.
        return ok({
          url: `https://${org.enterpriseId.toLowerCase()}.enterprise.slack.com/`,
          team: org.enterpriseName,
          user: workspace.botName,
          team_id: org.enterpriseId,
          user_id: workspace.botUserId,
          bot_id: workspace.botId,
          app_id: workspace.appId,
          enterprise_id: org.enterpriseId,
          is_enterprise_install: true,
        });
      }
      const result: Record<string, unknown> = {
        url: `https://${workspace.domain}.slack.com/`,
        team: workspace.name,
        user: workspace.botName,
        team_id: workspace.teamId,
        user_id: workspace.botUserId,
        bot_id: workspace.botId,
        app_id: workspace.appId,
        is_enterprise_install: false,
      };
      if (workspace.enterpriseId !== undefined) result.enterprise_id = workspace.enterpriseId;
      return ok(result);
    },
  },

  /** The workspaces a token reaches: every one an org-wide install was granted, else the token's own. */
  'auth.teams.list': {
    auth: 'bot',
    tier: 'tier2',
    handle({ workspace, org, args }) {
      const teams = (org?.workspaces ?? [workspace]).map((w) => ({ id: w.teamId, name: w.name }));
      const paged = paginate(
        teams,
        'teams',
        { cursor: stringArg(args, 'cursor'), limit: intArg(args, 'limit') },
        { limit: 100, max: 1000 },
      );
      if ('error' in paged) return fail(paged.error);
      return ok({ teams: paged.page, response_metadata: { next_cursor: paged.nextCursor } });
    },
  },

  'team.info': {
    auth: 'bot',
    tier: 'tier3',
    handle({ workspace, args }) {
      const team = stringArg(args, 'team');
      if (team !== undefined && team !== '' && team !== workspace.teamId) return fail('team_not_found');
      return ok({ team: teamObject(workspace) });
    },
  },

  /** Field definitions (ids and labels) of custom profile fields, built from the labels seeded on users. */
  'team.profile.get': {
    auth: 'bot',
    tier: 'tier3',
    handle({ workspace }) {
      const labels = new Map<string, string>();
      for (const user of workspace.users.values()) {
        for (const [id, field] of Object.entries(user.profileFields)) {
          if (!labels.has(id) || field.label !== undefined) labels.set(id, field.label ?? id);
        }
      }
      const fields = [...labels].map(([id, label], ordering) => ({
        id,
        ordering,
        field_name: null,
        label,
        hint: '',
        type: 'text',
        possible_values: null,
        options: null,
        is_hidden: false,
      }));
      return ok({ profile: { fields, sections: [] } });
    },
  },
};
