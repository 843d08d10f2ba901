import { teamObject } from '../../slack-objects.ts';
import { fail, type MethodDefinition, ok } from '../method-context.ts';
import { stringArg } from '../parse-request.ts';

export const authTeamMethods: Record<string, MethodDefinition> = {
  'auth.test': {
    auth: 'bot',
    tier: 'special',
    handle({ workspace }) {
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
