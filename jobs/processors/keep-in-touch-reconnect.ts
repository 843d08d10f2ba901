import { reconnectToSend, recordReconnectSent } from '../../src/domain/keep-in-touch/reconnect.ts';
import { reconnectKey, reconnectMessage } from '../../src/slack/keep-in-touch/keep-in-touch.blocks.ts';
import type { Processor } from '../processor.ts';

/** The weekly reconnect DM: at most one a week per person, keyed by the DM it follows, recorded as it lands. */
export const processKeepInTouchReconnect: Processor<'keep-in-touch.reconnect'> = async (data, { deps }) => {
  const due = await reconnectToSend(deps.db, { ...data, now: deps.clock.now() });
  if ('skipped' in due) return { skipped: due.skipped };
  const sent = await deps.sender.postMessage({
    workspaceId: data.workspaceId,
    key: reconnectKey(data.workspaceId, data.userId, data.since),
    to: { users: [data.userId] },
    ...reconnectMessage(due.contacts),
  });
  await recordReconnectSent(deps.db, { ...data, now: deps.clock.now() });
  return { listed: due.contacts.length, alreadySent: sent.alreadySent };
};
