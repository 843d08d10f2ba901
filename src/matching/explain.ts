/** One line per group saying why these people were put together, for the message that introduces them. */

import { plural } from '../domain/text/english.ts';
import { daysSinceMet, findMeeting, meetingCount } from './history-index.ts';
import { groupOverlapMinutes } from './timezone.ts';
import type { Scorer } from './weights.ts';

export type GroupKind = 'pair' | 'group' | 'odd-trio' | 'extra' | 'mentor' | 'host';

function hours(minutes: number): string {
  if (minutes < 30) return 'no shared working hours';
  const h = Math.round(minutes / 30) / 2;
  return `${h} h shared working hours`;
}

function ago(days: number): string {
  if (days < 1) return 'earlier this week';
  if (days < 14) return `${plural(Math.round(days), 'day')} ago`;
  return `${plural(Math.round(days / 7), 'week')} ago`;
}

function times(count: number): string {
  return count === 1 ? 'once' : count === 2 ? 'twice' : `${count} times`;
}

function teamsPart(scorer: Scorer, members: readonly number[]): string {
  const { team, teamNames } = scorer.pool;
  // Unknown teams count as different for scoring, but a "why" should only claim what is known.
  for (const m of members) if (teamNames[team[m]!] === '(no team)') return '';
  if (members.length === 2) {
    // The common case, without the set and the lists (50,000 of these at 100k people).
    const a = teamNames[team[members[0]!]!]!;
    const b = teamNames[team[members[1]!]!]!;
    return team[members[0]!] === team[members[1]!] ? `same team (${a})` : `cross-team (${a} × ${b})`;
  }
  const names = members.map((m) => teamNames[team[m]!]!);
  const distinct = new Set(members.map((m) => team[m]!));
  if (distinct.size === members.length) return `cross-team (${names.join(' × ')})`;
  if (distinct.size === 1) return `same team (${names[0]})`;
  return `teams ${names.join(' × ')}`;
}

function historyPart(scorer: Scorer, members: readonly number[]): string {
  const { history, config } = scorer.pool;
  const cooldownDays = config.cooldownWeeks * 7;
  let met = 0;
  let pairs = 0;
  let latest = Number.POSITIVE_INFINITY;
  let meetings = 0;
  let relaxed = false;
  for (let i = 0; i < members.length; i++) {
    for (let j = i + 1; j < members.length; j++) {
      pairs++;
      const slot = findMeeting(history, members[i]!, members[j]!);
      if (slot < 0) continue;
      met++;
      meetings += meetingCount(history, members[i]!, slot);
      const days = daysSinceMet(history, members[i]!, slot);
      latest = Math.min(latest, days);
      if (days < cooldownDays) relaxed = true;
    }
  }
  const cooldown = relaxed ? ' (cooldown relaxed: nobody else was available)' : '';
  if (met === 0) return members.length === 2 ? 'never met' : 'none of them have met';
  if (members.length === 2) return `met ${times(meetings)}, last ${ago(latest)}${cooldown}`;
  return `${met} of ${pairs} pairs met before, latest ${ago(latest)}${cooldown}`;
}

export function explainGroup(scorer: Scorer, members: readonly number[], kind: GroupKind): string {
  const { winStart, winLength, seniority } = scorer.pool;
  const parts: string[] = [];
  if (kind === 'odd-trio') parts.push('trio for the odd headcount (least trio debt)');
  else if (kind === 'extra') parts.push('one extra member: no other place was free');
  else if (kind === 'mentor') {
    const levels = members.map((m) => seniority[m]!).filter((s) => !Number.isNaN(s));
    parts.push(levels.length === members.length ? `mentor–mentee (seniority ${levels.join(' × ')})` : 'mentor–mentee');
  } else if (kind === 'host') {
    parts.push(`host with ${members.length - 1} guest${members.length === 2 ? '' : 's'} drawn by lottery`);
  }
  const teams = teamsPart(scorer, members);
  if (teams) parts.push(teams);
  const minutes =
    members.length === 2
      ? scorer.overlap(members[0]!, members[1]!)
      : groupOverlapMinutes(
          members.map((m) => winStart[m]!),
          members.map((m) => winLength[m]!),
        );
  parts.push(hours(minutes));
  parts.push(historyPart(scorer, members));
  return parts.join(', ');
}
