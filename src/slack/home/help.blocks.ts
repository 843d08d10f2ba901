import { context, type SlackMessage, section } from '../platform/block-kit.ts';

/** What Nudge does and every command, for `/nudge help` (and any `/nudge` text it does not understand). */

export interface CommandHelp {
  usage: string;
  description: string;
}

export const commandHelp: CommandHelp[] = [
  { usage: '/kudos @someone for <what they did> #value', description: 'Thank people publicly (up to 10 at once).' },
  { usage: '/kudos undo', description: 'Take back your last kudos within 5 minutes.' },
  {
    usage: '/kudos top [week|month|quarter|year|all] [received|given|cross-team]',
    description: 'Leaderboards, in the workspace time zone.',
  },
  { usage: '/coffee status', description: 'Your next coffee round and current group; also pause, skip, leave, block.' },
  {
    usage: '/coffee start | settings | run | teams',
    description: 'Admins: start a programme in a channel, change it, pair now; people’s teams and departments.',
  },
  {
    usage: '/mentor signup | status | find',
    description: 'Mentorship: sign up to mentor or be mentored, see where the programme stands, find a mentor.',
  },
  {
    usage: '/mentor start | settings | plan',
    description: 'Admins: start a mentorship programme in a channel, change it, preview and approve the pairs.',
  },
  { usage: '/celebrate', description: 'Celebrate a launch: what shipped, who made it, with a kudos button each.' },
  { usage: '/celebrate dates', description: 'Add your birthday and start date, and choose who hears about them.' },
  {
    usage: '/celebrate settings | import | secret',
    description: 'Admins: celebrations channel, pause, CSV import of dates, the webhook secret.',
  },
  {
    usage: '/nudge skills',
    description: 'Your skills: what to ask you about, what you can mentor in, want to learn and want to improve.',
  },
  {
    usage: '/nudge learn <skill>',
    description: 'Find up to 3 colleagues who can teach you a skill, and ask one to teach you or let you shadow them.',
  },
  {
    usage: '/nudge keep-in-touch',
    description: 'The colleagues you keep in touch with: add someone, and how often Nudge reminds you to reach out.',
  },
  {
    usage: '/nudge skills admin',
    description: 'Admins: the workspace skill list the menus offer, and a CSV import of people’s skills.',
  },
  { usage: '/nudge help', description: 'Show this overview of what Nudge does and every command.' },
  {
    usage: '/nudge my-data',
    description: 'Get everything Nudge holds about you as files in your DM: one JSON file, a CSV per kind.',
  },
  {
    usage: '/nudge forget-me',
    description: 'Have Nudge erase everything it holds about you here; it asks you to confirm first.',
  },
  { usage: '/nudge settings', description: 'Admins: allowance, values, kudos channel, prompts and time zone.' },
  { usage: '/nudge audit', description: 'Admins: who changed which settings, imported or approved what, and when.' },
  { usage: '/nudge audit export', description: 'Admins: the whole audit log as a CSV file in your DM.' },
  { usage: '/nudge retention', description: 'Admins: how long Nudge keeps each kind of data, and change it.' },
];

export function helpMessage(input: { unknownText?: string } = {}): SlackMessage {
  const intro = input.unknownText
    ? `I don't know \`${escapeMrkdwn(truncate(input.unknownText, 60))}\`. Here is what I can do:`
    : '*Nudge* helps people here recognise each other and meet people they would not otherwise meet.';
  const commands = commandHelp.map((c) => `• \`${c.usage}\` — ${c.description}`).join('\n');
  return {
    text: `${intro}\n${commands}`,
    blocks: [
      section(intro),
      section(`*Commands*\n${commands}`),
      context('Open the *Home* tab of the Nudge app for your settings.'),
    ],
  };
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Slack mrkdwn needs only &, < and > escaped. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
