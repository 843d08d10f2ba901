import { describe, expect, test } from 'vitest';
import { defaultCelebrationSettings } from '../../../src/domain/celebrations/settings.ts';
import type { KudosRefusal } from '../../../src/domain/kudos/give-kudos.ts';
import { giveExample } from '../../../src/domain/kudos/parse-kudos-command.ts';
import {
  celebrateUsage,
  webhookSecretMessage,
  weeklyWinsMessage,
} from '../../../src/slack/celebrations/celebrations.blocks.ts';
import { celebrationsHomeBlocks } from '../../../src/slack/celebrations/celebrations-home.blocks.ts';
import {
  kudosConfirmation,
  kudosInvalid,
  kudosRefusal,
  kudosRefusalText,
  kudosUndone,
  kudosUsage,
  leaderboardMessage,
  weeklyPromptMessage,
} from '../../../src/slack/kudos/kudos.blocks.ts';
import { approvalPreviewMessage, roundClosedMessage } from '../../../src/slack/pairing/pairing.blocks.ts';
import { pairingHomeBlocks } from '../../../src/slack/pairing/pairing-home.blocks.ts';
import { csvImportDoneText, csvImportPreviewView } from '../../../src/slack/settings/csv-import.blocks.ts';
import { plainTextWithMarkup } from '../../support/plain-text.ts';

const resetsAt = new Date('2026-12-14T00:00:00Z');
const refusals: KudosRefusal[] = [
  { kind: 'no_recipients' },
  { kind: 'too_many', count: 11, max: 10 },
  { kind: 'self' },
  { kind: 'bot', userIds: ['U0ROBOT'] },
  { kind: 'bot', userIds: ['U0ROBOT', 'U0HAL'] },
  { kind: 'deactivated', userIds: ['U0GONE'] },
  { kind: 'not_member', userIds: ['U0OUT', 'U0GONE'] },
  { kind: 'unknown_value', value: 'teamwrok', suggestions: ['teamwork'], values: ['teamwork', 'craft'] },
  { kind: 'allowance', allowance: 10, remaining: 1, requested: 2, resetsAt },
  { kind: 'pair_cap', recipientId: 'U0BEA', cap: 3, resetsAt },
  { kind: 'workspace_inactive' },
  { kind: 'not_kudos_emoji' },
];
const names = new Map([
  ['U0ROBOT', 'Some Bot'],
  ['U0HAL', 'Hal'],
  ['U0GONE', 'Gone Person'],
  ['U0BEA', 'Bea Brave'],
]);

describe('modal errors name people', () => {
  test.each(refusals.map((r) => [r.kind, r] as const))('%s: plain text, no markup, no mrkdwn', (_kind, refusal) => {
    const text = kudosRefusalText(refusal, 'UTC', names);
    expect(text).not.toMatch(/<[@#!]/);
    expect(text).not.toMatch(/`|:[a-z_]+:/);
  });

  test('names, joined as a sentence; someone Nudge does not know is "Someone"', () => {
    expect(kudosRefusalText({ kind: 'bot', userIds: ['U0ROBOT', 'U0HAL'] }, 'UTC', names)).toBe(
      'Some Bot and Hal are bots; kudos are for people.',
    );
    expect(kudosRefusalText({ kind: 'not_member', userIds: ['U0OUT'] }, 'UTC', names)).toBe(
      "Someone isn't a member of this workspace, so Nudge can't give them kudos here.",
    );
    expect(kudosRefusalText({ kind: 'pair_cap', recipientId: 'U0BEA', cap: 3, resetsAt }, 'UTC', names)).toMatch(
      /^You've already given Bea Brave 3 kudos this week/,
    );
  });
});

describe('one style for errors, none for successes', () => {
  test('errors carry no icon; the problem comes first and the way forward after', () => {
    for (const refusal of refusals) expect(kudosRefusal(refusal, 'UTC').text).not.toMatch(/^:[a-z_]+:/);
    expect(kudosInvalid('Say what you are thanking them for.', 'Add a reason.').text).toBe(
      'Say what you are thanking them for.\nAdd a reason.',
    );
    expect(celebrateUsage("I don't know `/celebrate x`.").text).toMatch(/^I don't know `\/celebrate x`\.\n\*Celebrate/);
  });

  test('a success never carries a warning icon', () => {
    expect(kudosUndone(['U0ALEX']).text).not.toContain(':warning:');
    const sent = kudosConfirmation({
      recipientIds: ['U0ALEX'],
      value: null,
      remaining: 1,
      allowance: 10,
      resetsAt,
      giverTimeZone: 'UTC',
      duplicate: false,
    });
    expect(sent.text).not.toContain(':warning:');
  });
});

describe('counts', () => {
  test('kudos left: 1 kudos, 2 kudos', () => {
    const left = (remaining: number) =>
      kudosConfirmation({
        recipientIds: ['U0ALEX'],
        value: null,
        remaining,
        allowance: 10,
        resetsAt,
        giverTimeZone: 'UTC',
        duplicate: false,
      }).text;
    expect(left(1)).toContain('You have 1 kudos of 10 left');
    expect(left(2)).toContain('You have 2 kudos of 10 left');
    expect(
      kudosRefusal({ kind: 'allowance', allowance: 10, remaining: 1, requested: 2, resetsAt }, 'UTC').text,
    ).toContain('You have only 1 kudos left');
  });

  test('coffee rounds: 1 group, 2 groups; 1 intro', () => {
    expect(roundClosedMessage({ number: 3, groups: 1, met: 1, crossTeamShare: null }).text).toContain('1 group,');
    expect(roundClosedMessage({ number: 3, groups: 2, met: 1, crossTeamShare: null }).text).toContain('2 groups,');
    const preview = (n: number) =>
      approvalPreviewMessage({
        roundId: '00000000-0000-4000-8000-000000000000',
        channelId: 'C0COFFEE',
        groups: Array.from({ length: n }, () => ({ members: ['U1', 'U2'], why: 'new faces' })),
      }).text;
    expect(preview(1)).toContain(': 1 group.');
    expect(preview(2)).toContain(': 2 groups.');
    const home = JSON.stringify(
      pairingHomeBlocks([
        {
          programmeId: 'p',
          channelId: 'C0COFFEE',
          kind: 'coffee',
          frequency: 'weekly',
          weekday: 1,
          myStatus: 'active',
          member: true,
          progress: { number: 1, status: 'delivering', delivered: 0, total: 1 },
        },
      ]),
    );
    expect(home).toContain('0 of 1 intro sent');
  });

  test('imports and celebrations: 1 row, 1 person, 1 year, 1 celebration', () => {
    const preview = JSON.stringify(
      csvImportPreviewView({
        callbackId: 'x',
        errorsBlockId: 'e',
        ready: [{ line: 2, userId: 'U1' }],
        errors: [{ line: 3, person: 'x', messages: ['No such person.'] }],
        describe: () => 'ok',
        csv: 'a',
        maxCsvLength: 100,
      }),
    );
    expect(preview).toContain('1 row is ready to import; 1 row has errors');
    expect(csvImportDoneText({ saved: 1, errors: [], savedWhat: 'dates' })).toContain('for 1 person.');
    const wins = weeklyWinsMessage({
      date: '2026-12-04',
      shipped: [],
      birthdays: 1,
      anniversaries: 1,
      kudos: { count: 1, givers: 1, topRecipients: [] },
    }).text;
    expect(wins).toContain('1 birthday and 1 work anniversary');
    expect(wins).toContain('1 kudos from 1 person');
    const adminHome = (waitingForChannel: number) =>
      JSON.stringify(
        celebrationsHomeBlocks({
          profile: undefined,
          admin: {
            settings: { ...defaultCelebrationSettings },
            upcoming: [],
            privateCount: 1,
            waitingForChannel,
          },
        }),
      );
    expect(adminHome(1)).toContain('1 celebration waiting for a channel');
    expect(adminHome(2)).toContain('2 celebrations waiting for a channel');
    expect(adminHome(0)).not.toContain('waiting for a channel');
    expect(adminHome(1)).toContain('Plus 1 private one (DM only)');
  });
});

describe('help and examples', () => {
  test('examples mention nobody made up', () => {
    const examples = [
      giveExample,
      kudosRefusal({ kind: 'no_recipients' }, 'UTC').text,
      leaderboardMessage({ board: 'received', period: 'week', entries: [] }).text,
      JSON.stringify(weeklyPromptMessage({ openModalActionId: 'open' }).blocks),
      kudosUsage(['teamwork']).text.replace('`/kudos @someone [@more …]', ''),
    ];
    for (const text of examples) expect(text).not.toMatch(/(^|[\s`(“])@[a-z]/);
  });

  test('the webhook secret message says what a request needs, and sends nobody to a file', () => {
    const text = webhookSecretMessage({
      workspaceId: 'T0PARTY',
      secret: 's3cr3t',
      created: true,
      createdAt: resetsAt,
    }).text;
    expect(text).not.toMatch(/docs\/|\.md\b/);
    expect(text).toContain('"title"');
    expect(text).toContain('"channel"');
    expect(text).toContain('X-Nudge-Signature');
  });
});

describe('plain-text fields', () => {
  test('builders put no mention or channel link where Slack shows plain text', () => {
    const built = [
      weeklyPromptMessage({ openModalActionId: 'open' }),
      celebrationsHomeBlocks({
        profile: undefined,
        admin: { settings: { ...defaultCelebrationSettings }, upcoming: [], privateCount: 0, waitingForChannel: 2 },
      }),
      approvalPreviewMessage({
        roundId: '00000000-0000-4000-8000-000000000000',
        channelId: 'C0COFFEE',
        groups: [{ members: ['U1', 'U2'], why: 'new faces' }],
      }),
    ];
    expect(built.flatMap(plainTextWithMarkup)).toEqual([]);
  });

  test('the scan finds markup in a plain-text field', () => {
    expect(
      plainTextWithMarkup({ blocks: [{ type: 'button', text: { type: 'plain_text', text: 'Thank <@U1>' } }] }),
    ).toEqual(['Thank <@U1>']);
  });
});
