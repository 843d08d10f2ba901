import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { runCli } from '../../../support/run-cli.ts';
import { bruteForce, scoredCohort } from './support.ts';

const cli = resolve(import.meta.dirname, '../../../../src/matching/mentorship/cli.ts');

const run = (args: string[], stdin?: string) => runCli(cli, args, stdin);

const cohort = {
  mentors: [
    { id: 'ana', capacity: 1, teaches: ['Rust', 'Node.js'], team: 'Platform', seniority: 5 },
    { id: 'bo', capacity: 2, teaches: ['JS'], team: 'Design', seniority: 4 },
  ],
  mentees: [
    { id: 'cy', learns: ['rust'], team: 'Pay', seniority: 2, preferOtherTeam: true },
    { id: 'di', learns: ['javascript'], seniority: 1 },
    { id: 'ed', learns: ['Zig'] },
  ],
};

describe('mentor-match CLI', () => {
  test('reads --input and prints pairs, unmatched and stats as JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nudge-mentor-'));
    const file = join(dir, 'cohort.json');
    writeFileSync(file, JSON.stringify(cohort));
    const { code, stdout, stderr } = run(['--input', file]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.pairs.map((p: { mentor: string; mentee: string }) => `${p.mentor}>${p.mentee}`)).toEqual([
      'ana>cy',
      'bo>di',
    ]);
    expect(out.pairs[0]).toEqual({ mentor: 'ana', mentee: 'cy', score: expect.any(Number), why: expect.any(String) });
    expect(out.unmatched).toEqual([{ id: 'ed', code: 'not-taught', reason: 'nobody teaches Zig this cycle' }]);
    expect(out.stats).toMatchObject({ matched: 2, mentees: 3, mentors: 2 });
    expect(out.stats.totalScore).toBe(out.pairs[0].score + out.pairs[1].score);
  });

  test('accepts managers and never pairs someone with their own manager', () => {
    const managed = { ...cohort, mentees: cohort.mentees.map((m) => (m.id === 'cy' ? { ...m, manager: 'ana' } : m)) };
    const { code, stdout, stderr } = run([], JSON.stringify(managed));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.pairs.map((p: { mentor: string; mentee: string }) => `${p.mentor}>${p.mentee}`)).toEqual(['bo>di']);
    expect(out.unmatched[0]).toEqual({
      id: 'cy',
      code: 'rules',
      reason: "no mentor who teaches rust fits this programme's rules",
    });
  });

  test('reads stdin, and the same input gives the same bytes', () => {
    const first = run([], JSON.stringify(cohort));
    const second = run([], JSON.stringify(cohort));
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(second.stdout);
  });

  test('on given scores it reproduces the exact optimum of a brute force', () => {
    fc.assert(
      fc.property(scoredCohort, (input) => {
        const { code, stdout, stderr } = run([], JSON.stringify(input));
        expect(stderr).toBe('');
        expect(code).toBe(0);
        const best = bruteForce(input);
        const out = JSON.parse(stdout);
        expect(out.stats.matched).toBe(best.matched);
        expect(out.stats.totalScore).toBe(best.total);
      }),
      { numRuns: 12 },
    );
  }, 120_000);

  test.each([
    ['invalid JSON', [], '{ nope', /not valid JSON/],
    [
      'every problem, listed at once',
      [],
      JSON.stringify({
        mentors: [
          { id: 'ana', capacity: 0, teaches: ['Rust'] },
          { id: 'bo', capacity: 50, teaches: ['x'.repeat(101)] },
        ],
        mentees: [{ id: 'cy', learns: [], capacty: 1 }],
        scores: [{ mentor: 'zed', mentee: 'cy', score: 3 }],
      }),
      /mentors\[0\]\.capacity: must be a whole number of mentees from 1 to 5[\s\S]*mentors\[1\]\.capacity[\s\S]*at most 100 characters[\s\S]*Unrecognized key[\s\S]*no mentor "zed"/,
    ],
    ['missing mentees', [], JSON.stringify({ mentors: [] }), /mentees/],
    [
      'a manager who is the person themself, or not an id',
      [],
      JSON.stringify({
        mentors: [{ id: 'ana', capacity: 1, teaches: ['Rust'], manager: 'ana' }],
        mentees: [{ id: 'cy', learns: [], manager: ['ana'] }],
      }),
      /mentees\[0\]\.manager: Invalid input[\s\S]*mentors\[0\]\.manager: nobody is their own manager/,
    ],
    ['a missing file', ['--input', '/no/such/cohort.json'], '', /no such file/],
    ['an unknown flag', ['--frobnicate'], '', /unknown argument/],
  ])('%s exits 2 with a message and no stack trace', (_, args, stdin, message) => {
    const { code, stdout, stderr } = run(args as string[], stdin as string);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message as RegExp);
    expect(stderr).not.toMatch(/\n\s+at /);
  });
});
