import { context, type SlackMessage, section } from '../platform/block-kit.ts';

/** The one-time welcome DM a person gets the first time they open Nudge. */
export function welcomeMessage(input: { userId: string }): SlackMessage {
  const text = `Hi <@${input.userId}>, I'm Nudge. I help people here recognise each other and meet new colleagues. Type \`/nudge help\` to see what I can do.`;
  return {
    text,
    blocks: [section(text), context('You will only get this message once.')],
  };
}
