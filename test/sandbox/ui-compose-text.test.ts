import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { type ComposeDirectory, composeText, splitCommand } from '../../src/sandbox/index.ts';

const directory: ComposeDirectory = {
  users: [
    { id: 'U0ADA00001', name: 'ada', displayName: 'Ada', deleted: false },
    { id: 'U0GRACE001', name: 'grace.hopper', displayName: 'Grace', deleted: false },
    { id: 'U0GONE0001', name: 'gone', displayName: 'Gone', deleted: true },
  ],
  channels: [
    { id: 'C0GENERAL1', name: 'general', kind: 'public' },
    { id: 'C0SECRET01', name: 'secret', kind: 'private' },
    { id: 'D0DM000001', name: 'U0ADA00001', kind: 'im' },
  ],
  usergroups: [
    { id: 'S0ENG00001', handle: 'engineers', disabled: false },
    { id: 'S0OLD00001', handle: 'retired', disabled: true },
  ],
};

const command = (text: string) => composeText(text, directory, { form: 'command' });

describe('composer escaping (should_escape)', () => {
  test('users by name or display name, channels, user groups and special mentions', () => {
    expect(command('@ada and @Grace, see #general and @engineers')).toBe(
      '<@U0ADA00001|ada> and <@U0GRACE001|grace.hopper>, see <#C0GENERAL1|general> and <!subteam^S0ENG00001|@engineers>',
    );
    expect(command('@grace.hopper. @here @channel')).toBe('<@U0GRACE001|grace.hopper>. <!here> <!channel>');
    expect(command('#secret #random')).toBe('<#C0SECRET01|secret> #random');
  });

  test('unknown, deleted and disabled names stay text; emails are not mentions', () => {
    expect(command('@nobody @gone @retired mail ada@acme.example #teamwork')).toBe(
      '@nobody @gone @retired mail ada@acme.example #teamwork',
    );
  });

  test('&, < and > are entity-escaped; links are wrapped', () => {
    expect(command('a < b && c > d <@U0ADA00001>')).toBe('a &lt; b &amp;&amp; c &gt; d &lt;@U0ADA00001&gt;');
    expect(command('see https://example.com/a?b=1&c=2.')).toBe('see <https://example.com/a?b=1&amp;c=2>.');
  });

  test('a plain message uses the short reference form', () => {
    expect(composeText('@ada in #general', directory, { form: 'message' })).toBe('<@U0ADA00001> in <#C0GENERAL1>');
  });

  test('no typed text can produce a raw < or > outside a reference the composer made', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const escaped = command(text);
        const outside = escaped.replace(
          /<(@U\w+\|[\w.-]+|#C\w+\|[\w-]+|!subteam\^S\w+\|@\w+|!\w+|https?:[^<>\s]+)>/g,
          '',
        );
        expect(outside).not.toMatch(/[<>]/);
      }),
    );
  });

  test('splitCommand', () => {
    expect(splitCommand('/Kudos  @ada for the fix ')).toEqual({ command: '/kudos', text: '@ada for the fix' });
    expect(splitCommand('/coffee')).toEqual({ command: '/coffee', text: '' });
    expect(splitCommand('hello /kudos')).toBeUndefined();
    expect(splitCommand('/')).toBeUndefined();
  });
});
