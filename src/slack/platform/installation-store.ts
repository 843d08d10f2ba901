import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import type { Db } from '../../db/database.ts';
import { deleteInstallation, findActiveInstallation, saveInstallation } from '../../domain/workspaces/installations.ts';
import type { Clock } from '../../observability/clock.ts';
import type { SecretBox } from '../../security/secret-box.ts';
import { workspaceKey } from './workspace-key.ts';
import { WorkspaceNotServedError } from './workspace-not-served.ts';

const cacheMillis = 10_000;

export interface NudgeInstallationStore extends InstallationStore {
  /** The bot token of an active workspace, for jobs that run outside any request. */
  findBotToken(workspaceId: string): Promise<string | undefined>;
  forget(workspaceId: string): void;
}

/**
 * Bolt's InstallationStore over Postgres. The whole Installation is sealed (it holds every token); lookups
 * are cached briefly because Bolt asks on every request, and the cache is dropped on uninstall.
 */
export function createInstallationStore(deps: { db: Db; secrets: SecretBox; clock: Clock }): NudgeInstallationStore {
  const cache = new Map<string, { installation: Installation; expires: number }>();

  async function load(workspaceId: string): Promise<Installation | undefined> {
    const hit = cache.get(workspaceId);
    if (hit && hit.expires > Date.now()) return hit.installation;
    const row = await findActiveInstallation(deps.db, workspaceId);
    if (!row) return undefined;
    const installation = JSON.parse(deps.secrets.open(row.secretCiphertext)) as Installation;
    cache.set(workspaceId, { installation, expires: Date.now() + cacheMillis });
    return installation;
  }

  return {
    async storeInstallation(installation) {
      const id = workspaceKey({
        teamId: installation.team?.id,
        enterpriseId: installation.enterprise?.id,
        isEnterpriseInstall: installation.isEnterpriseInstall,
      });
      if (!id) throw new Error('installation has neither a team nor an enterprise id');
      const now = deps.clock.now();
      await saveInstallation(
        deps.db,
        {
          workspace: {
            id,
            teamId: installation.team?.id ?? null,
            enterpriseId: installation.enterprise?.id ?? null,
            isEnterpriseInstall: installation.isEnterpriseInstall === true,
            name: installation.isEnterpriseInstall ? installation.enterprise?.name : installation.team?.name,
          },
          installation: {
            workspaceId: id,
            botUserId: installation.bot?.userId ?? null,
            botId: installation.bot?.id ?? null,
            appId: installation.appId ?? null,
            botScopes: (installation.bot?.scopes ?? []).join(','),
            secretCiphertext: deps.secrets.seal(JSON.stringify(installation)),
          },
        },
        now,
      );
      cache.delete(id);
    },

    async fetchInstallation(query: InstallationQuery<boolean>) {
      const id = workspaceKey(query);
      const installation = id ? await load(id) : undefined;
      // Bolt turns this into a 401 for the request: unknown and uninstalled workspaces get nothing.
      if (!installation) throw new WorkspaceNotServedError('no active installation for this workspace');
      return installation;
    },

    async deleteInstallation(query: InstallationQuery<boolean>) {
      const id = workspaceKey(query);
      if (!id) return;
      cache.delete(id);
      await deleteInstallation(deps.db, id);
    },

    async findBotToken(workspaceId) {
      return (await load(workspaceId))?.bot?.token;
    },

    forget(workspaceId) {
      cache.delete(workspaceId);
    },
  };
}
