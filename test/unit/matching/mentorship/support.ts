import fc from 'fast-check';
import type { MentorshipInput } from '../../../../src/matching/mentorship/types.ts';

/** Whether one person of the pair is the other's manager, by the managers either role gives. */
export function managesOther(input: MentorshipInput, pair: { mentor: string; mentee: string }): boolean {
  const managers = new Set(
    [...input.mentors, ...input.mentees].flatMap((p) => (p.manager === undefined ? [] : [`${p.id}>${p.manager}`])),
  );
  return managers.has(`${pair.mentee}>${pair.mentor}`) || managers.has(`${pair.mentor}>${pair.mentee}`);
}

/** The lexicographic optimum by trying every assignment: most mentees matched, then the highest total score. */
export function bruteForce(input: MentorshipInput): { matched: number; total: number } {
  const blocked = new Set((input.blocks ?? []).flatMap(([a, b]) => [`${a}|${b}`, `${b}|${a}`]));
  const allowed = (input.scores ?? []).filter(
    (s) => s.mentor !== s.mentee && !blocked.has(`${s.mentor}|${s.mentee}`) && !managesOther(input, s),
  );
  const room = new Map(input.mentors.map((m) => [m.id, m.capacity]));
  let best = { matched: 0, total: 0 };
  const visit = (i: number, matched: number, total: number): void => {
    if (i === input.mentees.length) {
      if (matched > best.matched || (matched === best.matched && total > best.total)) best = { matched, total };
      return;
    }
    visit(i + 1, matched, total);
    const mentee = input.mentees[i]!.id;
    for (const s of allowed) {
      if (s.mentee !== mentee || room.get(s.mentor)! === 0) continue;
      room.set(s.mentor, room.get(s.mentor)! - 1);
      visit(i + 1, matched + 1, total + s.score);
      room.set(s.mentor, room.get(s.mentor)! + 1);
    }
  };
  visit(0, 0, 0);
  return best;
}

/**
 * Small cohorts with given scores (negative ones too), blocks, known managers, and people who are both mentor and
 * mentee, so the brute force stays instant.
 */
export const scoredCohort: fc.Arbitrary<MentorshipInput> = fc
  .record({
    mentors: fc.integer({ min: 1, max: 3 }),
    mentees: fc.integer({ min: 1, max: 6 }),
    caps: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 3, maxLength: 3 }),
    // Per (mentor, mentee): absent, or a score.
    cells: fc.array(fc.option(fc.integer({ min: -20, max: 60 }), { nil: undefined, freq: 3 }), {
      minLength: 18,
      maxLength: 18,
    }),
    blocks: fc.array(fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 5 })), { maxLength: 3 }),
    sharedPerson: fc.boolean(),
    // Per person (mentors first, then mentees): no known manager, or the index of one among everybody.
    managers: fc.array(fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined, freq: 2 }), {
      minLength: 9,
      maxLength: 9,
    }),
    seed: fc.integer({ min: 0, max: 1000 }),
  })
  .map(({ mentors, mentees, caps, cells, blocks, sharedPerson, managers, seed }) => {
    const mentorIds = Array.from({ length: mentors }, (_, i) => `m${i}`);
    // One person may be both a mentor and a mentee; they must never be paired with themselves.
    const menteeIds = Array.from({ length: mentees }, (_, j) => (sharedPerson && j === 0 ? 'm0' : `e${j}`));
    const scores = [];
    for (let i = 0; i < mentors; i++) {
      for (let j = 0; j < mentees; j++) {
        const score = cells[i * 6 + j];
        if (score !== undefined && mentorIds[i] !== menteeIds[j]) {
          scores.push({ mentor: mentorIds[i]!, mentee: menteeIds[j]!, score });
        }
      }
    }
    // A person in both roles has one manager; nobody manages themself.
    const people = [...new Set([...mentorIds, ...menteeIds])];
    const managerOf = new Map(
      people.flatMap((id, i) => {
        const boss = managers[i] === undefined ? undefined : people[managers[i]! % people.length];
        return boss === undefined || boss === id ? [] : [[id, boss] as const];
      }),
    );
    const withManager = (id: string) => (managerOf.has(id) ? { manager: managerOf.get(id)! } : {});
    return {
      mentors: mentorIds.map((id, i) => ({ id, capacity: caps[i]!, teaches: ['mentoring'], ...withManager(id) })),
      mentees: menteeIds.map((id) => ({ id, learns: [], ...withManager(id) })),
      scores,
      blocks: blocks
        .filter(([i, j]) => i < mentors && j < mentees)
        .map(([i, j]) => [mentorIds[i]!, menteeIds[j]!] as [string, string]),
      seed,
    };
  });

const SKILLS = ['Rust', 'go', 'TypeScript', 'ts', 'k8s', 'design'];

/** Small cohorts scored by the engine itself, with teams, levels, managers, history, blocks and rules. */
export const fitCohort: fc.Arbitrary<MentorshipInput> = fc
  .record({
    mentors: fc.array(
      fc.record({
        capacity: fc.integer({ min: 1, max: 3 }),
        teaches: fc.subarray(SKILLS, { minLength: 1, maxLength: 3 }),
        team: fc.constantFrom('a', 'b', 'c'),
        seniority: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    mentees: fc.array(
      fc.record({
        learns: fc.subarray(SKILLS, { maxLength: 2 }),
        team: fc.constantFrom('a', 'b', 'c'),
        seniority: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
        preferOtherTeam: fc.boolean(),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    blocks: fc.array(fc.tuple(fc.nat(2), fc.nat(5)), { maxLength: 3 }),
    history: fc.array(fc.tuple(fc.nat(2), fc.nat(5)), { maxLength: 3 }),
    minSeniorityGap: fc.constantFrom(0, 1, 2),
    allowSameTeam: fc.boolean(),
    sharedPerson: fc.boolean(),
    // [mentee, mentor]: the mentor manages the mentee; [mentor, mentee] the other way round.
    managedBy: fc.array(fc.tuple(fc.nat(5), fc.nat(2)), { maxLength: 2 }),
    manages: fc.array(fc.tuple(fc.nat(2), fc.nat(5)), { maxLength: 1 }),
  })
  .map(({ mentors, mentees, blocks, history, minSeniorityGap, allowSameTeam, sharedPerson, managedBy, manages }) => {
    const menteeId = (j: number): string => (sharedPerson && j === 0 ? 'm0' : `e${j}`);
    const managerOf = new Map<string, string>();
    for (const [j, i] of managedBy) if (i < mentors.length && j < mentees.length) managerOf.set(menteeId(j), `m${i}`);
    for (const [i, j] of manages) if (i < mentors.length && j < mentees.length) managerOf.set(`m${i}`, menteeId(j));
    for (const [id, boss] of managerOf) if (id === boss) managerOf.delete(id);
    const withManager = (id: string) => (managerOf.has(id) ? { manager: managerOf.get(id)! } : {});
    const pairs = (list: [number, number][]) =>
      list.filter(([i, j]) => i < mentors.length && j < mentees.length).map(([i, j]) => [`m${i}`, menteeId(j)]);
    return {
      mentors: mentors.map((m, i) => ({ id: `m${i}`, ...m, ...withManager(`m${i}`) })),
      mentees: mentees.map((m, j) => ({ id: menteeId(j), ...m, ...withManager(menteeId(j)) })),
      blocks: pairs(blocks) as [string, string][],
      history: pairs(history).map(([mentor, mentee]) => ({ mentor: mentor!, mentee: mentee!, date: '2025-12-01' })),
      rules: { minSeniorityGap, allowSameTeam },
    };
  });
