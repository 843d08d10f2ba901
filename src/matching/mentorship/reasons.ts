/**
 * Why a mentee has no mentor. Every reason is decided without looking at blocks, except `no-room`, which is the reason
 * whenever mentors who teach the skill and fit the rules exist: it is true of a full cycle and of a block alike, so a
 * mentee can never tell that someone blocked them. Their own manager is ruled out by a rule, not a block: a mentee
 * whose only possible mentor is their manager hears that no mentor fits the programme's rules, which they can see.
 */

import type { Cohort } from './cohort.ts';
import { listSkills, ruleProblems } from './fit.ts';
import type { MenteeUnmatchedReason, UnmatchedMentee } from './types.ts';

/** Other mentors who teach one of the mentee's skills (every other mentor when they listed none). */
function mentorsWhoTeach(c: Cohort, mentee: number): number[] {
  const wanted = c.learns[mentee]!;
  const teachers = new Set<number>();
  if (wanted.length === 0) for (let m = 0; m < c.nMentors; m++) teachers.add(m);
  for (const skill of wanted) for (const m of c.teachersOf[skill]!) teachers.add(m);
  teachers.delete(c.selfMentor[mentee]!);
  return [...teachers];
}

/** The mentee's own words for the skills that at least one of `mentors` teaches. */
function namesTaughtBy(c: Cohort, mentee: number, mentors: readonly number[]): string[] {
  const taught = new Set<number>();
  for (const m of mentors) for (const s of c.teaches[m]!) taught.add(s);
  return [...c.learns[mentee]!].flatMap((s, i) => (taught.has(s) ? [c.learnsText[mentee]![i]!] : []));
}

function sentence(code: MenteeUnmatchedReason, skills: string, gap: number): string {
  const who = skills === '' ? 'mentor' : `mentor who teaches ${skills}`;
  switch (code) {
    case 'no-mentor':
      return 'there are no other mentors this cycle';
    case 'not-taught':
      return `nobody teaches ${skills} this cycle`;
    case 'own-team':
      return `every ${who} is in your team, and this programme pairs people across teams`;
    case 'seniority':
      return `no ${who} is at least ${gap} level${gap === 1 ? '' : 's'} more senior, as this programme asks`;
    case 'rules':
      return `no ${who} fits this programme's rules`;
    case 'no-candidate':
      return 'no mentor was proposed for you this cycle';
    case 'no-room':
      return `no ${who} had room for you this cycle`;
  }
}

/**
 * `given` (with given scores only): how many pairs were listed for the mentee, and how many of those are not with
 * their own manager, both counted before blocks.
 */
export function unmatchedReason(
  c: Cohort,
  mentee: number,
  given: { listed: number; notManager: number } = { listed: 0, notManager: 0 },
): UnmatchedMentee {
  const id = c.menteeIds[mentee]!;
  const make = (code: MenteeUnmatchedReason, skills = ''): UnmatchedMentee => ({
    id,
    code,
    reason: sentence(code, skills, c.minSeniorityGap),
  });
  if (c.given !== undefined) {
    if (given.listed === 0) return make('no-candidate');
    return given.notManager === 0 ? make('rules') : make('no-room');
  }
  const teachers = mentorsWhoTeach(c, mentee);
  if (c.learns[mentee]!.length === 0 && teachers.length === 0) return make('no-mentor');
  if (teachers.length === 0) return make('not-taught', listSkills(c.learnsText[mentee]!));
  const fitting: number[] = [];
  let allTeam = true;
  let allGap = true;
  for (const m of teachers) {
    const p = ruleProblems(c, m, mentee);
    if (!p.team && !p.gap && !p.manager) fitting.push(m);
    allTeam &&= p.team;
    allGap &&= p.gap;
  }
  if (fitting.length === 0) {
    const skills = listSkills(namesTaughtBy(c, mentee, teachers));
    return make(allTeam ? 'own-team' : allGap ? 'seniority' : 'rules', skills);
  }
  return make('no-room', listSkills(namesTaughtBy(c, mentee, fitting)));
}
