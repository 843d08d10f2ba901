import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rebuildKudosTotals } from '../../src/domain/kudos/rebuild-totals.ts';
import { commandAnswer, slackSignature } from '../../src/sandbox/index.ts';
import { tryAgainText } from '../../src/slack/platform/error-replies.ts';
import { settleInsightsUpdates } from '../support/app-idle.ts';
import { type Harness, signingSecret, startHarness } from '../support/harness.ts';
import { liveKudosTotals } from '../support/kudos-ledger.ts';
import { saveKudosSettings } from '../support/kudos-settings.ts';
import { kudosWorkspace } from '../support/kudos-workspace.ts';
import { waitForMember } from '../support/member-sync.ts';

/**
 * Hostile and malformed input on every surface, through the real HTTP receiver: never a 5xx, always a 2xx or
 * 4xx, a slash command always answered with an explanation (and never the "try again" that a crashing
 * listener gets), and no half-done writes: a kudos is recorded exactly when the answer says so. Runs per
 * surface are sized for CI (FUZZ_SCALE=4 runs four times as many).
 *
 * Interaction payloads keep Slack's shapes (Slack signs what it sends) with random contents, for every action and
 * view Nudge registers, so a new feature's listeners are fuzzed the day they land; none may fail on them.
 */
const scale = Number(process.env.FUZZ_SCALE ?? 1);
/** Property runs for about `cases` requests sent `batch` at a time. */
const runs = (cases: number, batch: number) => Math.max(1, Math.round((cases * scale) / batch));
/** Requests in flight at once. Commands do real work; requests Bolt cannot route wait its 3 s before a 404. */
const batches = { command: 8, interaction: 24, raw: 250 };
const teamId = 'T0FUZZ';

let h: Harness;

/**
 * A failure logged for something that is no Slack request at all: a raw fuzzed body Bolt itself cannot read (it
 * is answered, and logged, like any failure before the ack). Every listener failure is a bug.
 */
const notSlackPayload = /^(other:|unknown$)/;
/** Every answer Nudge gave, for the final look at the logs. */
let requests = 0;

beforeAll(async () => {
  h = await startHarness({ label: 'fuzz', workspaces: [kudosWorkspace(teamId)] });
  await waitForMember(h.service.deps.db, teamId, 'U0P23');
  // Allowances high enough that fuzzed gifts are refused for what they say, not because the week is spent.
  await saveKudosSettings(h.service.deps.db, teamId, {
    allowance: 1000,
    pair_cap: 1000,
    kudos_values: ['teamwork', 'craft', 'customer'],
    kudos_channel_id: 'C0KUDOS',
  });
});
afterAll(async () => {
  await h?.stop();
});

const members = [
  'U0GIVER',
  'U0ADMIN',
  'U0ALEX',
  'U0BEA',
  ...Array.from({ length: 24 }, (_, i) => `U0P${String(i).padStart(2, '0')}`),
];
const strangers = ['U0GONE', 'U0ROBOT', 'U9NOBODY', 'W0X', 'USLACKBOT', 'U', 'U0giver'];

const word = fc.oneof(
  fc.constantFrom(
    'for',
    'top',
    'undo',
    'help',
    'and',
    '&amp;',
    '&lt;b&gt;',
    'received',
    'given',
    'cross-team',
    'all',
    'week',
  ),
  fc.constantFrom('#teamwork', '#craft', '#teamwrok', '#', '##', '#ünïcödé', 'C#', 'issue#12', '@alex', '@here'),
  fc.constantFrom(
    '<!here>',
    '<!channel>',
    '<#C0TEAM|team>',
    '<#C0KUDOS>',
    '<!subteam^S0DESIGN|@design>',
    '<!subteam^S9NONE>',
  ),
  fc
    .constantFrom(...members, ...strangers)
    .chain((id) => fc.constantFrom(`<@${id}>`, `<@${id}|${id.toLowerCase()}>`, `<@${id}|>`, `<@${id}`, `@${id}`)),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.constantFrom(
    '',
    ' ',
    '\n',
    '\t',
    '\u0000',
    '\u202e',
    '🎉',
    '👩🏽‍💻',
    'x'.repeat(1200),
    '<',
    '>',
    '|',
    '<<@U0ALEX>>',
  ),
);
const commandText = fc.oneof(
  { weight: 3, arbitrary: fc.array(word, { maxLength: 14 }).map((words) => words.join(' ')) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-composite', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 100 }) },
);

interface CommandAnswer {
  status: number;
  text: string;
  requestKey: string;
}

async function slashCommand(command: string, text: string, userId: string): Promise<CommandAnswer> {
  requests += 1;
  const response = await h.driver.command({ teamId, userId, channelId: 'C0TEAM', command, text });
  // A kudos is queued and answered through the response_url; everything else is answered in the ack.
  const body = (
    command === '/kudos' && response.status === 200 ? await commandAnswer(h.sandbox, response) : response.json
  ) as { text?: unknown } | undefined;
  return {
    status: response.status,
    text: typeof body?.text === 'string' ? body.text : '',
    requestKey: `command:${response.triggerId}`,
  };
}

async function giftKeys(keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await h.service.deps.db
    .selectFrom('kudos_gifts')
    .select('request_key')
    .where('workspace_id', '=', teamId)
    .where('request_key', 'in', keys)
    .execute();
  return new Set(rows.map((r) => r.request_key));
}

/** Row counts of every table: what a refused request must leave as it was. */
async function rowCounts(): Promise<Record<string, number>> {
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = 'public' and table_name <> 'kysely_migration'
    order by table_name`.execute(h.service.deps.db);
  const counts: Record<string, number> = {};
  for (const { table_name } of tables.rows) {
    const row = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table_name)}`.execute(
      h.service.deps.db,
    );
    counts[table_name] = row.rows[0]?.n ?? 0;
  }
  return counts;
}

describe('fuzzed input never breaks Nudge', () => {
  test('/kudos with any text: answered with an explanation, recorded exactly when it says so', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(commandText, fc.constantFrom(...members)), {
          minLength: batches.command,
          maxLength: batches.command,
        }),
        async (cases) => {
          const answers = await Promise.all(cases.map(([text, giver]) => slashCommand('/kudos', text, giver)));
          const recorded = await giftKeys(answers.map((a) => a.requestKey));
          answers.forEach((answer, i) => {
            const context = JSON.stringify(cases[i]);
            expect(answer.status, context).toBe(200);
            expect(answer.text.trim().length, context).toBeGreaterThan(0);
            expect(answer.text, context).not.toBe(tryAgainText);
            expect(recorded.has(answer.requestKey), context).toBe(answer.text.includes('Kudos sent'));
          });
        },
      ),
      { numRuns: runs(2_000, batches.command) },
    );
  }, 120_000);

  test('/nudge with any text: answered with an explanation, settings untouched by non-admins', async () => {
    const before = await h.service.deps.db.selectFrom('kudos_settings').selectAll().execute();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(commandText, fc.constantFrom('U0GIVER', 'U0BEA', 'U9NOBODY')), {
          minLength: batches.command,
          maxLength: batches.command,
        }),
        async (cases) => {
          const answers = await Promise.all(cases.map(([text, userId]) => slashCommand('/nudge', text, userId)));
          answers.forEach((answer, i) => {
            const context = JSON.stringify(cases[i]);
            expect(answer.status, context).toBe(200);
            expect(answer.text.trim().length, context).toBeGreaterThan(0);
            expect(answer.text, context).not.toBe(tryAgainText);
          });
        },
      ),
      { numRuns: runs(1_000, batches.command) },
    );
    expect(await h.service.deps.db.selectFrom('kudos_settings').selectAll().execute()).toEqual(before);
  }, 120_000);

  async function fuzzInteractions(actionIds: string[], callbackIds: string[], cases: number, batch: number) {
    // Slack's shapes (it signs what it sends) with random contents: any element, any value, any block present or
    // missing, ids of real and made-up blocks, users, channels.
    const text = fc.oneof(commandText, fc.constant(''));
    const optionObject = text.map((value) => ({
      text: { type: 'plain_text', text: value.slice(0, 75) || 'x' },
      value,
    }));
    const someUser = fc.constantFrom(...members, ...strangers);
    const someChannel = fc.constantFrom('C0TEAM', 'C0KUDOS', 'G0SECRET', 'C9NONE', 'D0X');
    const element = fc.oneof(
      fc.record({ type: fc.constant('plain_text_input'), value: fc.option(text) }),
      fc.record({ type: fc.constant('number_input'), value: fc.option(fc.oneof(text, fc.integer().map(String))) }),
      fc.record({ type: fc.constant('multi_users_select'), selected_users: fc.array(someUser, { maxLength: 12 }) }),
      fc.record({ type: fc.constant('users_select'), selected_user: fc.option(someUser) }),
      fc.record({ type: fc.constant('static_select'), selected_option: fc.option(optionObject) }),
      fc.record({
        type: fc.constant('multi_static_select'),
        selected_options: fc.array(optionObject, { maxLength: 4 }),
      }),
      fc.record({ type: fc.constant('checkboxes'), selected_options: fc.array(optionObject, { maxLength: 3 }) }),
      fc.record({ type: fc.constant('conversations_select'), selected_conversation: fc.option(someChannel) }),
      fc.record({
        type: fc.constant('multi_conversations_select'),
        selected_conversations: fc.array(someChannel, { maxLength: 4 }),
      }),
      fc.record({
        type: fc.constant('datepicker'),
        selected_date: fc.option(
          fc.oneof(
            fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
            text,
          ),
        ),
      }),
    );
    const blockIds = ['kudos_recipients', 'kudos_reason', 'kudos_value', 'settings_allowance', 'settings_time_zone'];
    const actionNames = ['recipients', 'reason', 'value', 'allowance', 'timeZone'];
    const values = fc.dictionary(
      fc.oneof(fc.constantFrom(...blockIds), fc.string({ maxLength: 12 })),
      fc.dictionary(fc.oneof(fc.constantFrom(...actionNames), fc.string({ maxLength: 12 })), element, {
        minKeys: 1,
        maxKeys: 2,
      }),
      { maxKeys: 8 },
    );
    const metadata = fc.oneof(
      text,
      fc.jsonValue({ maxDepth: 2 }).map((j) => JSON.stringify(j)),
      fc
        .record({ channelId: fc.option(someChannel), messageLink: fc.option(text), sourceTs: fc.option(text) })
        .map((m) => JSON.stringify(m)),
    );
    const interaction = fc.oneof(
      fc.record({
        type: fc.constant('block_actions'),
        actions: fc.array(
          fc.record(
            {
              action_id: fc.constantFrom(...actionIds),
              block_id: fc.string({ maxLength: 12 }),
              type: fc.constantFrom('button', 'static_select', 'users_select', 'overflow', 'checkboxes'),
              value: fc.oneof(
                text,
                fc.uuid(),
                fc.jsonValue({ maxDepth: 2 }).map((j) => JSON.stringify(j)),
              ),
              selected_option: optionObject,
              selected_user: someUser,
              action_ts: fc.constant('1700000000.000100'),
            },
            { requiredKeys: ['action_id', 'block_id', 'type', 'action_ts'] },
          ),
          { minLength: 1, maxLength: 2 },
        ),
        channel: fc.option(fc.record({ id: someChannel }), { nil: undefined }),
        message: fc.option(fc.record({ ts: fc.constantFrom('1700000000.000100', '1', ''), text: text }), {
          nil: undefined,
        }),
        view: fc.option(
          fc.record({
            id: fc.constant('V0NOSUCHVIEW'),
            callback_id: fc.constantFrom(...callbackIds),
            state: fc.record({ values }),
          }),
          { nil: undefined },
        ),
      }),
      fc.record({
        type: fc.constant('view_submission'),
        view: fc.record({
          id: fc.uuid().map((u) => `V0FZ${u.replaceAll('-', '').slice(0, 12).toUpperCase()}`),
          callback_id: fc.constantFrom(...callbackIds),
          private_metadata: metadata,
          state: fc.record({ values }),
        }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(interaction, fc.constantFrom('U0GIVER', 'U0ADMIN', 'U0BEA')), {
          minLength: batch,
          maxLength: batch,
        }),
        async (cases) => {
          const responses = await Promise.all(
            cases.map(([payload, userId]) => {
              requests += 1;
              return h.driver.interaction({ teamId, userId, payload: payload as Record<string, unknown> });
            }),
          );
          const viewKeys = cases.map(([payload]) =>
            payload.type === 'view_submission' ? `view:${payload.view.id}` : '',
          );
          const recorded = await giftKeys(viewKeys.filter(Boolean));
          responses.forEach((response, i) => {
            const context = JSON.stringify(cases[i]).slice(0, 2000);
            expect(response.status, context).toBeGreaterThanOrEqual(200);
            expect(response.status, context).toBeLessThan(500);
            expect(response.body, context).not.toContain(tryAgainText);
            const key = viewKeys[i];
            if (key) {
              // A kudos from the modal exists exactly when the modal was answered with its confirmation.
              expect(recorded.has(key), context).toBe(response.body.includes('Kudos sent'));
            }
          });
        },
      ),
      { numRuns: runs(cases, batch) },
    );
  }

  const registered = (kind: 'action' | 'view') =>
    h.service.web!.surface.registered.filter((r) => r.kind === kind).map((r) => r.name);

  test('block_actions and view_submission with random fields and state: 2xx, and no gift unless confirmed', async () => {
    await fuzzInteractions(registered('action'), registered('view'), 2_000, batches.interaction);
  }, 120_000);

  test('interactions for actions and views Nudge does not have: still never a 5xx', async () => {
    // Bolt holds these 3 s before its 404 (no listener acknowledges them), hence few cases, many at once.
    await fuzzInteractions(['unknown_action', '', 'x'.repeat(255)], ['unknown_view', ''], 300, 150);
  }, 60_000);

  test('raw request bodies of any shape and type, correctly signed: never a 5xx, nothing stored', async () => {
    // The insights updates the earlier tests' kudos queued run now, not when a 5-minute slot ends mid-test.
    await settleInsightsUpdates(h, 60_000);
    const before = await rowCounts();
    const body = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString()),
      fc.jsonValue({ maxDepth: 4 }).map((j) => JSON.stringify(j)),
      fc
        .dictionary(fc.constantFrom('type', 'team_id', 'token', 'challenge', 'event', 'x'), fc.jsonValue())
        .map((j) => JSON.stringify(j)),
      fc
        .dictionary(fc.constantFrom('payload', 'command', 'text', 'team_id', 'ssl_check', 'x'), fc.string())
        .map((d) => new URLSearchParams(d).toString()),
      fc.jsonValue({ maxDepth: 3 }).map((j) => new URLSearchParams({ payload: JSON.stringify(j) }).toString()),
      fc.constantFrom('', '{', '[]', 'null', '"x"', 'payload=', 'payload=%7B', 'command=%2Fkudos', 'a'.repeat(5000)),
    );
    const contentType = fc.constantFrom(
      'application/json',
      'application/json; charset=utf-8',
      'application/x-www-form-urlencoded',
      'text/plain',
      'multipart/form-data; boundary=x',
      'application/octet-stream',
      '',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(body, contentType), { minLength: batches.raw, maxLength: batches.raw }),
        async (cases) => {
          const responses = await Promise.all(
            cases.map(async ([raw, type]) => {
              requests += 1;
              const timestamp = Math.floor(Date.now() / 1000);
              const response = await fetch(`${h.appUrl}/slack/events`, {
                method: 'POST',
                headers: {
                  ...(type ? { 'content-type': type } : {}),
                  'x-slack-request-timestamp': String(timestamp),
                  'x-slack-signature': slackSignature(signingSecret, timestamp, raw),
                },
                body: raw,
              });
              await response.arrayBuffer();
              return response.status;
            }),
          );
          responses.forEach((status, i) => {
            const context = JSON.stringify(cases[i]).slice(0, 500);
            expect(status, context).toBeGreaterThanOrEqual(200);
            expect(status, context).toBeLessThan(500);
          });
        },
      ),
      { numRuns: runs(1_500, batches.raw) },
    );
    expect(await rowCounts()).toEqual(before);
  }, 120_000);

  test('afterwards: no listener failed, every gift has its ledger rows, totals match the ledger', async () => {
    expect(requests).toBeGreaterThan(1_000 * Math.min(1, scale));
    const failures = h.logs.lines
      .filter((line) => line.includes('listener failed'))
      .map((line) => JSON.parse(line) as { listener?: string; err?: string })
      .filter((failure) => !notSlackPayload.test(failure.listener ?? 'unknown'));
    expect(failures.slice(0, 5)).toEqual([]);
    const orphans = await h.service.deps.db
      .selectFrom('kudos_gifts as g')
      .leftJoin('kudos as k', 'k.gift_id', 'g.id')
      .select('g.id')
      .where('k.id', 'is', null)
      .execute();
    expect(orphans).toEqual([]);
    const totals = () => liveKudosTotals(h.service.deps.db, teamId);
    const live = await totals();
    expect(live.length).toBeGreaterThan(0);
    await rebuildKudosTotals(h.service.deps.db, teamId);
    expect(await totals()).toEqual(live);
  });
});
