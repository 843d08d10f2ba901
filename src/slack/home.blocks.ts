import { escapeMrkdwn } from './help.blocks.ts';

export interface HomeViewInput {
  userId: string;
  displayName?: string | undefined;
  workspaceName?: string | undefined;
  timeZone?: string | undefined;
}

/** The App Home tab: a welcome and the user's settings (placeholders until the features that fill them land). */
export function homeView(input: HomeViewInput): Record<string, unknown> {
  const name = input.displayName ? escapeMrkdwn(input.displayName) : `<@${input.userId}>`;
  const place = input.workspaceName ? ` at ${escapeMrkdwn(input.workspaceName)}` : '';
  return {
    type: 'home',
    callback_id: 'nudge_home',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: 'Welcome to Nudge' } },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `Hi ${name}! Nudge helps people${place} recognise each other and meet people they would not otherwise meet.`,
        },
      },
      { type: 'divider' },
      { type: 'header', text: { type: 'plain_text', text: 'Your settings' } },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: `*Time zone*\n${escapeMrkdwn(input.timeZone ?? 'not known yet')}` },
          { type: 'mrkdwn', text: '*Coffee pairings*\nNot joined yet' },
        ],
      },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: 'Type `/nudge help` in any channel to see every command.' }],
      },
    ],
  };
}
