import type { ProgrammeMember } from '../../db/queries/pairing.ts';
import type { Member } from '../../db/schema.ts';
import type { PoolMember } from './plan-round.ts';
import type { PersonForTeams, TeamAndDepartment } from './team-sources.ts';

export interface PoolSnapshot {
  pool: PoolMember[];
  /** Channel members left out of this round and why; paused and skipping people asked for it. */
  excluded: Array<{ userId: string; reason: string }>;
}

/**
 * Who takes part this round: the channel's members, minus bots, deactivated people, people Nudge does not know,
 * anyone paused (until after the round date), skipping this round, or who left the programme, and anyone whose
 * Slack status says they are away (`isAway`), who simply sits the round out: no unmatched note, no debt.
 */
export function eligiblePool(input: {
  channelMemberIds: string[];
  directory: Map<string, Member>;
  programmeMembers: Map<string, ProgrammeMember>;
  roundDate: string;
  /** Whether the person's Slack status says they are away when the round is made. */
  isAway: (member: Member) => boolean;
  /** The programme's team rule (team-sources.ts), applied to everyone who takes part. */
  teamsOf: (person: PersonForTeams) => TeamAndDepartment;
}): PoolSnapshot {
  const pool: PoolMember[] = [];
  const excluded: PoolSnapshot['excluded'] = [];
  for (const userId of new Set(input.channelMemberIds)) {
    const member = input.directory.get(userId);
    const state = input.programmeMembers.get(userId);
    if (!member) excluded.push({ userId, reason: 'not in the member directory' });
    else if (member.is_bot) excluded.push({ userId, reason: 'bot' });
    else if (member.is_deleted) excluded.push({ userId, reason: 'deactivated' });
    else if (state?.status === 'left') excluded.push({ userId, reason: 'left the programme' });
    else if (state?.status === 'paused' && (!state.paused_until || state.paused_until >= input.roundDate)) {
      excluded.push({ userId, reason: 'paused' });
    } else if (state?.skip_next) excluded.push({ userId, reason: 'skipping this round' });
    else if (input.isAway(member)) excluded.push({ userId, reason: 'away' });
    else {
      const { team, department } = input.teamsOf({
        userId,
        title: member.title,
        team: member.team,
        department: member.department,
        programmeOverride: state?.team_override ?? null,
      });
      pool.push({ userId, team, department, timeZone: member.time_zone || 'UTC' });
    }
  }
  return { pool, excluded };
}
