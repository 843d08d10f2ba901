import { helloToSend } from '../../src/domain/keep-in-touch/hello.ts';
import { helloKey, helloMessage } from '../../src/slack/keep-in-touch/keep-in-touch.blocks.ts';
import type { Processor } from '../processor.ts';

/** The owner clicked Message: a group DM of both with their hello, at most once a day per pair. */
export const processKeepInTouchHello: Processor<'keep-in-touch.hello'> = async (data, { deps }) => {
  if (!(await helloToSend(deps.db, data))) return { skipped: 'not a contact of theirs, or they left' };
  const sent = await deps.sender.postMessage({
    workspaceId: data.workspaceId,
    key: helloKey(data.workspaceId, data.ownerId, data.contactId, data.day),
    to: { users: [data.ownerId, data.contactId] },
    ...helloMessage(data.ownerId, data.contactId),
  });
  return { alreadySent: sent.alreadySent };
};
