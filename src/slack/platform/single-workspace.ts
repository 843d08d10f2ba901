import type { Authorize, AuthorizeResult } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Db } from '../../db/database.ts';
import { findWorkspace } from '../../domain/workspaces/find-workspace.ts';
import { insertWorkspaceIfMissing, upsertActiveWorkspace } from '../../domain/workspaces/installations.ts';
import type { Clock } from '../../observability/clock.ts';
import type { BotTokens } from './bot-tokens.ts';
import { workspaceKey } from './workspace-key.ts';
import { WorkspaceNotServedError } from './workspace-not-served.ts';

export interface SingleWorkspaceIdentity {
  workspaceId: string;
  teamId: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  botUserId: string | undefined;
  botId: string | undefined;
  teamName: string | undefined;
}

const statusCacheMillis = 5_000;

/**
 * SLACK_BOT_TOKEN mode: one workspace, whose identity comes from auth.test. Requests from any other team are
 * refused (Bolt answers 401), and so are requests for the workspace once it has been uninstalled.
 */
export function createSingleWorkspace(deps: { db: Db; clock: Clock; token: string; client: WebClient }) {
  let identity: Promise<SingleWorkspaceIdentity> | undefined;
  let knownStatus: { active: boolean; until: number } | undefined;

  function identify(): Promise<SingleWorkspaceIdentity> {
    identity ??= (async () => {
      const auth = (await deps.client.auth.test()) as {
        team_id?: string;
        enterprise_id?: string;
        is_enterprise_install?: boolean;
        user_id?: string;
        bot_id?: string;
        team?: string;
      };
      const isEnterpriseInstall = auth.is_enterprise_install === true;
      const workspaceId = workspaceKey({ teamId: auth.team_id, enterpriseId: auth.enterprise_id, isEnterpriseInstall });
      if (!workspaceId) throw new Error('auth.test returned no team');
      return {
        workspaceId,
        teamId: auth.team_id ?? null,
        enterpriseId: auth.enterprise_id ?? null,
        isEnterpriseInstall,
        botUserId: auth.user_id,
        botId: auth.bot_id,
        teamName: auth.team,
      };
    })();
    identity.catch(() => {
      identity = undefined;
    });
    return identity;
  }

  async function isActive(workspaceId: string, me: SingleWorkspaceIdentity): Promise<boolean> {
    if (knownStatus && knownStatus.until > Date.now()) return knownStatus.active;
    const now = deps.clock.now();
    // First contact creates the workspace; an uninstalled one stays uninstalled until the token is proven again.
    await insertWorkspaceIfMissing(
      deps.db,
      {
        id: workspaceId,
        teamId: me.teamId,
        enterpriseId: me.enterpriseId,
        isEnterpriseInstall: me.isEnterpriseInstall,
        name: me.teamName,
      },
      now,
    );
    const active = (await findWorkspace(deps.db, workspaceId))?.status === 'active';
    knownStatus = { active, until: Date.now() + statusCacheMillis };
    return active;
  }

  const authorize: Authorize<boolean> = async (source): Promise<AuthorizeResult> => {
    const me = await identify();
    const requested = workspaceKey(source);
    if (requested !== me.workspaceId) {
      throw new WorkspaceNotServedError('request is for a workspace this installation does not serve');
    }
    if (!(await isActive(me.workspaceId, me))) throw new WorkspaceNotServedError('the workspace has uninstalled Nudge');
    return {
      botToken: deps.token,
      botId: me.botId,
      botUserId: me.botUserId,
      teamId: me.teamId ?? undefined,
      enterpriseId: me.enterpriseId ?? undefined,
    };
  };

  const tokens: BotTokens = {
    async tokenFor(workspaceId) {
      const me = await identify();
      return workspaceId === me.workspaceId ? deps.token : undefined;
    },
  };

  return {
    authorize,
    tokens,
    identify,
    /** At boot: a token that passes auth.test means the app is installed, so the workspace is active. */
    async activate(): Promise<SingleWorkspaceIdentity> {
      const me = await identify();
      await upsertActiveWorkspace(
        deps.db,
        {
          id: me.workspaceId,
          teamId: me.teamId,
          enterpriseId: me.enterpriseId,
          isEnterpriseInstall: me.isEnterpriseInstall,
          name: me.teamName,
        },
        deps.clock.now(),
      );
      knownStatus = undefined;
      return me;
    },
    forget() {
      knownStatus = undefined;
    },
  };
}

export type SingleWorkspace = ReturnType<typeof createSingleWorkspace>;
