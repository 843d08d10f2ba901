import { purgeUninstalledWorkspaces } from '../../src/domain/retention/purge-workspace.ts';
import type { Processor } from '../processor.ts';

/** Daily: the data of every workspace uninstalled more than 30 days ago and not reinstalled goes. */
export const processRetentionPurgeUninstalled: Processor<'retention.purge-uninstalled'> = async (_data, { deps }) => {
  const { purged } = await purgeUninstalledWorkspaces(deps.db, { now: deps.clock.now() });
  if (purged.length > 0) deps.logger.info({ purged }, 'uninstalled workspaces purged');
  return { purged: purged.length };
};
