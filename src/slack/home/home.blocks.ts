import type { CelebrationsHomeSummary } from '../../domain/celebrations/home-summary.ts';
import type { KudosHomeSummary } from '../../domain/kudos/home-summary.ts';
import type { ProgrammeHomeLine } from '../../domain/pairing/home-summary.ts';
import { describeInstant } from '../../domain/time/periods.ts';
import { celebrationsHomeBlocks } from '../celebrations/celebrations-home.blocks.ts';
import { openKudosModalActionId } from '../kudos/kudos-modal.blocks.ts';
import { pairingHomeBlocks } from '../pairing/pairing-home.blocks.ts';
import { openTeamsActionId } from '../pairing/pairing-teams.blocks.ts';
import { escapeMrkdwn } from './help.blocks.ts';

export const openSettingsActionId = 'nudge_open_settings';

export interface HomeViewInput {
  userId: string;
  displayName?: string | undefined;
  workspaceName?: string | undefined;
  timeZone?: string | undefined;
  kudos?: KudosHomeSummary | undefined;
  celebrations?: CelebrationsHomeSummary | undefined;
  pairing?: ProgrammeHomeLine[] | undefined;
  isAdmin?: boolean;
}

function kudosSection(kudos: KudosHomeSummary, timeZone: string): unknown[] {
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Kudos' } },
    {
      type: 'section',
      fields: [
        {
          type: 'mrkdwn',
          text: `*Received*\n${kudos.receivedThisWeek} this week · ${kudos.receivedThisMonth} this month`,
        },
        { type: 'mrkdwn', text: `*Given*\n${kudos.givenThisWeek} this week · ${kudos.givenThisMonth} this month` },
        {
          type: 'mrkdwn',
          text: `*Allowance left*\n${kudos.allowanceLeft} of ${kudos.allowance}, resets ${describeInstant(kudos.allowanceResetsAt, timeZone)}`,
        },
        {
          type: 'mrkdwn',
          text: `*Your top values*\n${kudos.topValues.length ? kudos.topValues.map((v) => `#${escapeMrkdwn(v.value)} (${v.count})`).join(' · ') : 'None yet'}`,
        },
      ],
      accessory: {
        type: 'button',
        action_id: openKudosModalActionId,
        text: { type: 'plain_text', text: 'Give kudos' },
        style: 'primary',
      },
    },
  ];
  if (kudos.latest.length > 0) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*Latest kudos to you*\n${kudos.latest.map((l) => `• <@${l.giverId}>: ${l.reason.slice(0, 280)}`).join('\n')}`,
      },
    });
  }
  return blocks;
}

function adminSection(kudos: KudosHomeSummary | undefined): unknown[] {
  const pairs = kudos?.reciprocity ?? [];
  const text = pairs.length
    ? pairs.map((p) => `• <@${p.a}> → <@${p.b}> ${p.aToB}, back ${p.bToA}`).join('\n')
    : 'No pairs are trading kudos back and forth.';
  return [
    { type: 'divider' },
    { type: 'header', text: { type: 'plain_text', text: 'Admin' } },
    { type: 'section', text: { type: 'mrkdwn', text: `*Reciprocity flags (last 30 days)*\n${text}` } },
    {
      type: 'actions',
      elements: [
        { type: 'button', action_id: openSettingsActionId, text: { type: 'plain_text', text: 'Settings' } },
        {
          type: 'button',
          action_id: openTeamsActionId,
          text: { type: 'plain_text', text: 'Coffee: teams and departments' },
        },
      ],
    },
  ];
}

/** The App Home tab: a welcome, the user's kudos, their settings, and for admins the admin section. */
export function homeView(input: HomeViewInput): Record<string, unknown> {
  const name = input.displayName ? escapeMrkdwn(input.displayName) : `<@${input.userId}>`;
  const place = input.workspaceName ? ` at ${escapeMrkdwn(input.workspaceName)}` : '';
  const timeZone = input.timeZone ?? 'UTC';
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
      ...(input.kudos ? [{ type: 'divider' }, ...kudosSection(input.kudos, timeZone)] : []),
      ...(input.celebrations ? celebrationsHomeBlocks(input.celebrations) : []),
      { type: 'divider' },
      { type: 'header', text: { type: 'plain_text', text: 'Your settings' } },
      {
        type: 'section',
        fields: [{ type: 'mrkdwn', text: `*Time zone*\n${escapeMrkdwn(input.timeZone ?? 'not known yet')}` }],
      },
      ...pairingHomeBlocks(input.pairing ?? []),
      ...(input.isAdmin ? adminSection(input.kudos) : []),
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: 'Type `/nudge help` in any channel to see every command.' }],
      },
    ],
  };
}
