import { erasePerson } from '../../src/domain/privacy/erase-person.ts';
import type { Processor } from '../processor.ts';

/**
 * Forgets a person who confirmed `/nudge forget-me`. It posts nothing: any message to them would put their id back in
 * the send ledger. The erase is one transaction, so a crash leaves nothing half-done and the retry does it all.
 */
export const processPrivacyErase: Processor<'privacy.erase'> = async (data, { deps }) => {
  const result = await erasePerson(deps.db, {
    workspaceId: data.workspaceId,
    userId: data.userId,
    now: deps.clock.now(),
  });
  // The tombstone is random and leads nowhere; the user id stays out of the job's return value kept by the queue.
  return result.erased ? { erased: true } : { erased: false, reason: result.reason };
};
