import { welcomeMessage } from '../../src/slack/home/onboarding.blocks.ts';
import type { Processor } from '../processor.ts';

/** One welcome DM per person, ever: the send ledger key makes a repeated job a no-op. */
export const processOnboardingWelcome: Processor<'onboarding.welcome'> = async (data, { deps }) => {
  const message = welcomeMessage({ userId: data.userId });
  const result = await deps.sender.postMessage({
    workspaceId: data.workspaceId,
    key: `onboarding.welcome.${data.userId}`,
    to: { users: [data.userId] },
    text: message.text,
    blocks: message.blocks,
  });
  return { channel: result.channel, ts: result.ts, alreadySent: result.alreadySent };
};
