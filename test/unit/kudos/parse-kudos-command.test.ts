import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  type KudosCommand,
  maxReasonLength,
  maxRecipients,
  parseKudosCommand,
} from '../../../src/domain/kudos/parse-kudos-command.ts';

type Give = Extract<KudosCommand, { kind: 'give' }>;
type Invalid = Extract<KudosCommand, { kind: 'invalid' }>;

function give(text: string): Give {
  const result = parseKudosCommand(text);
  if (result.kind !== 'give')
    throw new Error(`expected give for ${JSON.stringify(text)}, got ${JSON.stringify(result)}`);
  return result;
}

function refused(text: string): Invalid {
  const result = parseKudosCommand(text);
  if (result.kind !== 'invalid') throw new Error(`expected invalid for ${JSON.stringify(text)}, got ${result.kind}`);
  return result;
}

/** The result has exactly one of the documented shapes. */
function expectWellFormed(result: KudosCommand): void {
  switch (result.kind) {
    case 'help':
    case 'undo':
      expect(Object.keys(result)).toEqual(['kind']);
      return;
    case 'top':
      expect(['week', 'month', 'quarter', 'year', 'all']).toContain(result.period);
      expect(['received', 'given', 'cross-team']).toContain(result.board);
      return;
    case 'give':
      expect(result.userIds.length + result.usergroupIds.length).toBeGreaterThan(0);
      expect(result.userIds.length + result.usergroupIds.length).toBeLessThanOrEqual(maxRecipients);
      expect(typeof result.reason).toBe('string');
      expect(result.tags.every((tag) => tag === tag.toLowerCase() && !tag.startsWith('#'))).toBe(true);
      return;
    case 'invalid':
      expect(result.error.length).toBeGreaterThan(0);
      expect(result.hint.length).toBeGreaterThan(0);
      return;
    default:
      throw new Error(`unknown kind in ${JSON.stringify(result)}`);
  }
}

// --- Arbitraries for Slack's escaped mention forms ---------------------------------------------------------------

const idBody = fc.string({
  unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'),
  minLength: 2,
  maxLength: 15,
});
const userId = fc.tuple(fc.constantFrom('U', 'W'), idBody).map(([prefix, body]) => prefix + body);
const usergroupId = idBody.map((body) => `S${body}`);
// Labels may be empty, stale, contain spaces or any unicode; Slack escapes `<` and `>`, and `|` ends the ID part.
const label = fc
  .oneof(
    fc.constant(''),
    fc.constantFrom('bob', 'Ana María', 'josé 🎉', '李雷', 'old name', ' spaced  out '),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
  )
  .map((text) => text.replace(/[<>|]/g, ''));
const userToken = (id: string) =>
  fc.oneof(
    fc.constant(`<@${id}>`),
    label.map((name) => `<@${id}|${name}>`),
  );
const usergroupToken = (id: string) =>
  fc.oneof(
    fc.constant(`<!subteam^${id}>`),
    label.map((name) => `<!subteam^${id}|@${name}>`),
    label.map((name) => `<!subteam^${id}|${name}>`),
  );
const between = fc.constantFrom(
  '',
  ' ',
  '   ',
  ',',
  ', ',
  ' ,',
  ' and ',
  ' AND ',
  'and',
  ' & ',
  ' &amp; ',
  '&amp;',
  '\n',
  '\t',
);
const leadIn = fc.constantFrom('', ' ', '\n', ' for ', ' For ', ' for\n', ': ', ':', ' - ', ' — ', ', ', ', for ');

type Recipient = { type: 'user' | 'usergroup'; id: string };
const recipient: fc.Arbitrary<Recipient> = fc.oneof(
  userId.map((id) => ({ type: 'user' as const, id })),
  usergroupId.map((id) => ({ type: 'usergroup' as const, id })),
);
const tokenFor = (r: Recipient) => (r.type === 'user' ? userToken(r.id) : usergroupToken(r.id));

/** A leading run of mentions picked (with repeats) from `pool`, each followed by a separator. */
function mentionRun(pool: Recipient[], maxLength = 15) {
  return fc
    .array(fc.nat({ max: pool.length - 1 }), { minLength: 1, maxLength })
    .chain((picks) =>
      fc.tuple(
        fc.constant(picks.map((i) => pool[i]!)),
        fc.tuple(...picks.map((i) => fc.tuple(tokenFor(pool[i]!), between))),
      ),
    )
    .map(([picked, parts]) => ({
      picked,
      // The separator after the last mention belongs to the reason side, so leave it out.
      text: parts.map(([token, sep], i) => (i === parts.length - 1 ? token : token + sep)).join(''),
    }));
}

const uniqueInOrder = (ids: string[]) => [...new Set(ids)];

const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéüñßÄΩжл日本語'.split(''));
const word = fc.string({ unit: letter, minLength: 1, maxLength: 10 });
const tagWord = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,14}$/);

/** A valid reason: starts with a plain word, has enough words, and may carry #tags and mentions inside. */
const reason = fc
  .tuple(
    fc.array(word, { minLength: 2, maxLength: 25 }),
    fc.array(
      fc.oneof(
        tagWord.map((t) => ({ tag: t })),
        userId.chain(userToken).map((m) => ({ mention: m })),
      ),
      {
        maxLength: 5,
      },
    ),
    fc.array(fc.nat(), { maxLength: 5 }),
  )
  .filter(([words]) => !['for', 'and'].includes(words[0]!.toLowerCase()) && words.join(' ').length >= 10)
  .map(([words, extras, positions]) => {
    const parts: string[] = [...words];
    const tags: string[] = [];
    extras.forEach((extra, i) => {
      // Insert after the first word, so the reason never starts with a mention or tag.
      const at = 1 + ((positions[i] ?? 0) % parts.length);
      parts.splice(at, 0, 'tag' in extra ? `#${extra.tag}` : extra.mention);
    });
    for (const part of parts) if (part.startsWith('#')) tags.push(part.slice(1).toLowerCase());
    return { text: parts.join(' '), tags: uniqueInOrder(tags) };
  });

// --- Properties ----------------------------------------------------------------------------------------------------

describe('parseKudosCommand properties', () => {
  test('never throws on any string, and always returns one of the kinds', () => {
    const anyString = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.string({ unit: 'grapheme' }),
      // Any UTF-16 code unit, so lone surrogates and control characters show up often.
      fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) }),
    );
    fc.assert(
      fc.property(anyString, (text) => {
        expectWellFormed(parseKudosCommand(text));
      }),
      { numRuns: 2000 },
    );
  });

  const fragment = fc.oneof(
    userId.chain(userToken),
    usergroupId.chain(usergroupToken),
    fc.constantFrom('<#C024BE7LR|general>', '<#C024BE7LR>', '<!here>', '<!channel>', '<!everyone|everyone>'),
    fc.constantFrom('<https://example.com/a#b|label>', '<mailto:a@b.c>', '<!date^1392734382^{date}|Feb 18>'),
    fc.constantFrom('for', 'FOR', 'and', '&amp;', '&', ',', ':', '-', '—', 'top', 'undo', 'help', 'week', 'given'),
    fc.constantFrom('<', '>', '<@', '<@U', '<@U1|', '<!subteam^', '|', '#', '##', '#teamwork', '@bob', '@', '\u0000'),
    fc.constantFrom('\uD800', '\uDFFF', '🎉', 'é', '\u202E'),
    word,
    fc.string({ unit: 'binary', maxLength: 8 }),
  );
  const mix = fc
    .array(fc.tuple(fragment, fc.constantFrom('', ' ', ', ', '\n', ' and ')), { maxLength: 30 })
    .map((parts) => parts.map(([part, sep]) => part + sep).join(''));

  test('never throws on mixes of mention tokens and words', () => {
    fc.assert(
      fc.property(mix, (text) => {
        expectWellFormed(parseKudosCommand(text));
      }),
      { numRuns: 2000 },
    );
  });

  test('a refusal never echoes more than 50 characters of the input', () => {
    const longish = fc.oneof(mix, fc.string({ unit: 'binary', minLength: 51, maxLength: 400 }));
    const prefix = fc.constantFrom('', 'top ', 'undo ', '@', '<@U1> ', '<@U1> @');
    fc.assert(
      fc.property(prefix, longish, (start, rest) => {
        const text = start + rest;
        const result = parseKudosCommand(text);
        if (result.kind !== 'invalid') return;
        // Characters as people count them: code points, so an emoji is one.
        const characters = Array.from(text);
        for (let i = 0; i + 51 <= characters.length; i++) {
          const chunk = characters.slice(i, i + 51).join('');
          expect(result.error).not.toContain(chunk);
          expect(result.hint).not.toContain(chunk);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('parses every valid mention form: ids exact, deduplicated, in order; the reason round-trips', () => {
    const pool = fc.uniqueArray(recipient, { selector: (r) => r.id, minLength: 1, maxLength: maxRecipients });
    fc.assert(
      fc.property(pool.chain(mentionRun), leadIn, reason, (run, lead, why) => {
        const result = give(run.text + lead + why.text);
        const ids = (type: Recipient['type']) =>
          uniqueInOrder(run.picked.filter((r) => r.type === type).map((r) => r.id));
        expect(result.userIds).toEqual(ids('user'));
        expect(result.usergroupIds).toEqual(ids('usergroup'));
        expect(result.reason).toBe(why.text);
        expect(result.tags).toEqual(why.tags);
      }),
      { numRuns: 1000 },
    );
  });

  test('surrounding whitespace is ignored', () => {
    const space = fc.constantFrom('', ' ', '\n', '\t ', '\u00a0');
    fc.assert(
      fc.property(userId, reason, space, space, (id, why, before, after) => {
        const result = give(`${before}<@${id}> ${why.text}${after}`);
        expect(result.userIds).toEqual([id]);
        expect(result.reason).toBe(why.text);
      }),
    );
  });

  test(`more than ${maxRecipients} distinct recipients are refused`, () => {
    const pool = fc.uniqueArray(recipient, {
      selector: (r) => r.id,
      minLength: maxRecipients + 1,
      maxLength: maxRecipients + 10,
    });
    fc.assert(
      fc.property(pool, between, reason, (recipients, sep, why) => {
        const text = `${recipients.map((r) => (r.type === 'user' ? `<@${r.id}>` : `<!subteam^${r.id}>`)).join(sep || ' ')} ${why.text}`;
        const result = refused(text);
        expect(result.error).toContain(String(recipients.length));
        expect(result.error).toContain(String(maxRecipients));
      }),
    );
  });

  test('mentions after the reason starts are part of the reason, not recipients', () => {
    fc.assert(
      fc.property(userId, userId, (giver, other) => {
        const result = give(`<@${giver}> for pairing with <@${other}|sam> on the migration`);
        expect(result.userIds).toEqual([giver]);
        expect(result.reason).toBe(`pairing with <@${other}|sam> on the migration`);
      }),
    );
  });
});

// --- Examples ------------------------------------------------------------------------------------------------------

describe('parseKudosCommand keywords', () => {
  test.each(['', '   ', '\n', 'help', 'HELP', '  Help  ', 'help me'])('%j is help', (text) => {
    expect(parseKudosCommand(text)).toEqual({ kind: 'help' });
  });

  test.each(['undo', 'UNDO', '  Undo \n'])('%j is undo', (text) => {
    expect(parseKudosCommand(text)).toEqual({ kind: 'undo' });
  });

  test('undo with something after it is refused, not guessed', () => {
    expect(refused('undo <@U024BE7LH> please').hint).toContain('/kudos undo');
  });

  test.each([
    ['top', 'week', 'received'],
    ['TOP', 'week', 'received'],
    ['top month', 'month', 'received'],
    ['top given year', 'year', 'given'],
    ['top year given', 'year', 'given'],
    ['top cross-team', 'week', 'cross-team'],
    ['  top   Quarter  CROSS-TEAM ', 'quarter', 'cross-team'],
    ['top all received', 'all', 'received'],
    ['top week week', 'week', 'received'],
  ])('%j is the %s %s leaderboard', (text, period, board) => {
    expect(parseKudosCommand(text)).toEqual({ kind: 'top', period, board });
  });

  test('an unknown leaderboard word is refused with the choices', () => {
    const result = refused('top monthly');
    expect(result.error).toContain('monthly');
    for (const choice of ['week', 'month', 'quarter', 'year', 'all', 'received', 'given', 'cross-team']) {
      expect(result.hint).toContain(choice);
    }
  });

  test('two periods or two boards are refused', () => {
    expect(refused('top week month').error).toMatch(/one period/);
    expect(refused('top given received').error).toMatch(/one leaderboard/);
  });

  test('an unknown leaderboard word is echoed short and without Slack markup', () => {
    const result = refused(`top <!channel>${'x'.repeat(500)}`);
    expect(result.error).not.toContain('<!channel>');
    expect(result.error.length).toBeLessThan(120);
  });
});

describe('parseKudosCommand giving', () => {
  test('one user, reason and tags', () => {
    expect(parseKudosCommand('<@U024BE7LH|bob> for fixing the deploy pipeline #Teamwork #craft #teamwork')).toEqual({
      kind: 'give',
      userIds: ['U024BE7LH'],
      usergroupIds: [],
      reason: 'fixing the deploy pipeline #Teamwork #craft #teamwork',
      tags: ['teamwork', 'craft'],
    });
  });

  test('every mention form and separator, deduplicated in first-seen order', () => {
    const result = give(
      '<@U024BE7LH|bob>, <@W0123ABC|> and <!subteam^S0123ABC|@design-team> &amp; <@W0123ABC> <@U9>' +
        '<!subteam^S0123ABC> & <!subteam^SABC> and <@U024BE7LH|stale-name>: shipping the redesign on time',
    );
    expect(result.userIds).toEqual(['U024BE7LH', 'W0123ABC', 'U9']);
    expect(result.usergroupIds).toEqual(['S0123ABC', 'SABC']);
    expect(result.reason).toBe('shipping the redesign on time');
  });

  test.each([
    ['<@U1> for fixing the build', 'fixing the build'],
    ['<@U1>: fixing the build', 'fixing the build'],
    ['<@U1> - fixing the build', 'fixing the build'],
    ['<@U1> — fixing the build', 'fixing the build'],
    ['<@U1>, for fixing the build', 'fixing the build'],
    ['<@U1> FOR fixing the build', 'fixing the build'],
    ['<@U1> for for the build, again', 'for the build, again'],
    ['<@U1> forgiving my late review', 'forgiving my late review'],
    ['<@U1> and also the docs', 'and also the docs'],
  ])('%j has reason %j', (text, expected) => {
    expect(give(text).reason).toBe(expected);
  });

  test('tags: letters, digits, - and _, lower-cased, not inside links or channel mentions, not after a letter', () => {
    const result = give(
      '<@U1> for the docs <https://x.dev/a#section|guide> in <#C024BE7LR|general> with C# #Team_Work-2 #été, #1 #craft.',
    );
    expect(result.tags).toEqual(['team_work-2', 'été', '1', 'craft']);
  });

  test('a reason of exactly the limit is accepted; Slack entities count as the character typed', () => {
    const reason = `${'ab '.repeat(333)}a`;
    expect(reason.length).toBe(maxReasonLength);
    expect(give(`<@U1> ${reason}`).reason).toBe(reason);
    const withEntities = `${'&amp; ab '.repeat(199)}abcde`;
    expect(give(`<@U1> ${withEntities}`).reason).toBe(withEntities);
  });
});

describe('parseKudosCommand refusals', () => {
  const example = /Try: \/kudos, then @ and pick the person from the list, then “for .+#/;

  test.each(['thanks everyone for the release', 'top-notch work <@U1>', '<https://x.dev|link> for the docs'])(
    '%j has no recipient at the start',
    (text) => {
      const result = refused(text);
      expect(result.error).toMatch(/start with/i);
      expect(result.hint).toMatch(example);
    },
  );

  test.each(['@bob for fixing the build', '<@U1> @bob for fixing the build', '<@U1> and @bob for the build work'])(
    '%j has an unlinked @name: say to pick it from autocomplete',
    (text) => {
      const result = refused(text);
      expect(result.error).toContain('@bob');
      expect(result.hint).toMatch(/autocomplete/);
    },
  );

  test.each([
    '<#C024BE7LR|general> for the great release',
    '<#C024BE7LR> for the great release',
    '<@U1> <!here> for the great release',
    '<!channel> for the great release',
    '<@U1>, <!everyone> for the great release',
    '<!here|here> for the great release',
  ])('%j gives to a channel', (text) => {
    const result = refused(text);
    expect(result.error).toMatch(/channel/);
    expect(result.hint).toMatch(example);
  });

  test(`${maxRecipients + 1} recipients are too many, ${maxRecipients} are fine`, () => {
    const mentions = (n: number) => Array.from({ length: n }, (_, i) => `<@U${i}X>`).join(' ');
    expect(give(`${mentions(maxRecipients)} <@U0X> for the launch party`).userIds).toHaveLength(maxRecipients);
    const result = refused(`${mentions(maxRecipients)} <!subteam^S1> for the launch party`);
    expect(result.error).toContain(`${maxRecipients + 1} recipients`);
    expect(result.hint).toMatch(/user group/);
  });

  test.each(['<@U1>', '<@U1> ', '<@U1> for', '<@U1>:', '<!subteam^S1|@design>, '])('%j has no reason', (text) => {
    const result = refused(text);
    expect(result.error).toMatch(/what you are thanking them for/);
    expect(result.hint).toMatch(example);
  });

  test.each([
    '<@U1> for fixing',
    '<@U1> great job',
    '<@U1> thanks #teamwork #craft #ownership',
    '<@U1> for helping <@U2|somebody-with-a-long-name>',
    '<@U1> 🎉🎉🎉 !!!!!! 🙌🙌🙌🙌',
  ])('%j has a reason that is too short', (text) => {
    const result = refused(text);
    expect(result.error).toMatch(/too short.*2 words.*10 characters/);
    expect(result.hint).toMatch(example);
  });

  test('a reason just long enough passes', () => {
    expect(give('<@U1> thank you!').reason).toBe('thank you!');
  });

  test('a reason over the limit says its length and the limit', () => {
    const result = refused(`<@U1> for ${'x'.repeat(1200)} and more`);
    expect(result.error).toContain('1,209 characters');
    expect(result.error).toContain('1,000');
    expect(result.hint).toContain('209');
  });

  test('huge and hostile inputs return quickly without throwing', () => {
    const inputs = [
      'x'.repeat(2_000_000),
      '<@U1'.repeat(200_000),
      `<@U1|${'x'.repeat(1_000_000)}`,
      '<@U1> '.repeat(200_000),
      `<@U1> ${'#a'.repeat(500_000)}`,
      `<@U1> ${'and '.repeat(300_000)}`,
      `top ${'week '.repeat(200_000)}`,
      '\uD800'.repeat(100_000),
    ];
    const started = performance.now();
    for (const input of inputs) expectWellFormed(parseKudosCommand(input));
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
