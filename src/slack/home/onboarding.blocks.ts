/** The one-time welcome DM a person gets the first time they open Nudge. */
export function welcomeMessage(input: { userId: string }): { text: string; blocks: unknown[] } {
  const text = `Hi <@${input.userId}>, I'm Nudge. I help people here recognise each other and meet new colleagues. Type \`/nudge help\` to see what I can do.`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: 'You will only get this message once.' }],
      },
    ],
  };
}
