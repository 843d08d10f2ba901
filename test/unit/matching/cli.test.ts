import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../../support/run-cli.ts';

const cli = resolve(import.meta.dirname, '../../../src/matching/cli.ts');

const run = (args: string[], stdin?: string) => runCli(cli, args, stdin);

const round = {
  members: [
    { id: 'ana', team: 'Payments', department: 'Eng', timezone: 'Europe/Paris', workHours: [9, 17], tags: ['go'] },
    { id: 'bo', team: 'Design', department: 'Product', timezone: 'America/New_York', workHours: [9, 17] },
    { id: 'cy', team: 'Payments', department: 'Eng', timezone: 'Europe/London', workHours: [8, 16] },
  ],
  history: [{ members: ['ana', 'bo'], date: '2025-05-26' }],
  blocks: [['bo', 'cy']],
  groupSize: 2,
  cooldownWeeks: 4,
  date: '2025-06-02',
  seed: 'acme-w23',
};

describe('match CLI', () => {
  test('reads --input and prints groups, unmatched and stats as JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nudge-match-'));
    const file = join(dir, 'round.json');
    writeFileSync(file, JSON.stringify(round));
    const { code, stdout, stderr } = run(['--input', file]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.groups).toHaveLength(1);
    expect(out.groups[0].members.sort()).toEqual(['ana', 'cy']);
    expect(out.unmatched).toEqual([{ id: 'bo', reason: 'odd-number' }]);
    expect(out.stats.members).toBe(3);
  });

  test('reads stdin, and the same input gives the same bytes', () => {
    const first = run([], JSON.stringify({ ...round, blocks: [] }));
    const second = run([], JSON.stringify({ ...round, blocks: [] }));
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(second.stdout);
    expect(JSON.parse(first.stdout).groups[0].members).toHaveLength(3);
  });

  test.each([
    ['invalid JSON', [], '{ nope', /not valid JSON/],
    [
      'a bad time zone and a typo, all listed',
      [],
      JSON.stringify({ date: '2025-06-02', members: [{ id: 'a', timezone: 'Mars/Base', workhours: [9, 17] }] }),
      /timezone: must be an IANA time zone[\s\S]*Unrecognized key/,
    ],
    ['a missing date', [], JSON.stringify({ members: [] }), /date/],
    ['a missing file', ['--input', '/no/such/round.json'], '', /no such file/],
    ['an unknown flag', ['--frobnicate'], '', /unknown argument/],
  ])('%s exits 2 with a message and no stack trace', (_, args, stdin, message) => {
    const { code, stdout, stderr } = run(args as string[], stdin as string);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message as RegExp);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
