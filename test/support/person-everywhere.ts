import type { Db } from '../../src/db/database.ts';
import { recordAdminAction } from '../../src/domain/audit/record-admin-action.ts';
import { giveKudos } from '../../src/domain/kudos/give-kudos.ts';
import { rebuildKudosTotals } from '../../src/domain/kudos/rebuild-totals.ts';
import { seedWorkspaceSpec } from './domain-db.ts';
import { kudosWorkspace } from './kudos-workspace.ts';
import { signUp, startProgramme } from './mentorship-programme.ts';
import { insertProgrammeRow } from './programme-row.ts';

/** The person seeded in every table that can hold people (Alex Able), and the colleagues around them. */
export const person = 'U0ALEX';
export const others = { bea: 'U0BEA', gina: 'U0GIVER' };

/**
 * Puts the person in every table that can hold a person: kudos both ways, dates, a celebration, a programme and its
 * rounds, blocks both ways, check-ins, a mentorship with its requests, check-ins and feedback, every skill list, and
 * the audit log. The privacy tests check each table against the database's own catalogue.
 */
export async function seedPersonEverywhere(
  db: Db,
  ws: string,
  { now, later }: { now: Date; later: Date },
): Promise<void> {
  await seedWorkspaceSpec(db, kudosWorkspace(ws), now);
  await db
    .updateTable('members')
    .set({ email: 'alex.able@example.com', display_name: 'Alex Able' })
    .where('workspace_id', '=', ws)
    .where('user_id', '=', person)
    .execute();
  // Bea reports to Alex, as her Slack profile and an admin's import both say.
  await db
    .updateTable('members')
    .set({ profile_manager_id: person, admin_manager_id: person })
    .where('workspace_id', '=', ws)
    .where('user_id', '=', others.bea)
    .execute();
  const give = async (giverId: string, recipientIds: string[], reason: string, requestKey: string) => {
    const given = await giveKudos(db, {
      workspaceId: ws,
      giverId,
      recipientIds,
      reason,
      tags: [],
      channelId: 'C0TEAM',
      source: 'command',
      requestKey,
      messageLink: null,
      now,
    });
    if (!given.ok) throw new Error(JSON.stringify(given));
    return given.giftId;
  };
  await give(person, [others.bea], 'for the review', 'k1');
  const toAlex = await give(others.gina, [person, others.bea], 'thanks <@U0ALEX> and Alex Able for the launch', 'k2');
  await give(others.bea, [others.gina], 'pairing with alex was fun', 'k3');
  await db
    .insertInto('kudos_revocations')
    .values({
      gift_id: toAlex,
      workspace_id: ws,
      revoked_by: person,
      reason: 'undo',
      revoked_at: now,
      withdrawn_at: null,
    })
    .execute();
  // An undo takes the gift out of the running totals; the revocation above is written by hand, so do the same.
  await rebuildKudosTotals(db, ws);
  await db
    .insertInto('kudos_settings')
    .values({
      workspace_id: ws,
      allowance: 10,
      allowance_period: 'week',
      pair_cap: 3,
      emoji: 'tada',
      kudos_values: '[]',
      kudos_channel_id: null,
      prompt_channel_ids: '[]',
      prompt_weekday: 1,
      prompt_hour: 9,
      digest_enabled: true,
      admin_user_ids: JSON.stringify([person, 'U0ADMIN']),
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('slack_sends')
    .values({
      workspace_id: ws,
      idempotency_key: `onboarding.welcome.${person}`,
      channel_id: 'D0DM1',
      status: 'sent',
      message_ts: '1.1',
      attempted_at: now,
      lease_until: now,
      sent_at: now,
    })
    .execute();
  await db.insertInto('processed_events').values({ workspace_id: ws, event_id: 'Ev1', received_at: now }).execute();

  // Celebrations.
  await db
    .insertInto('celebration_profiles')
    .values({
      workspace_id: ws,
      user_id: person,
      birthday_month: 4,
      birthday_day: 2,
      start_date: '2020-01-06',
      source: 'self',
      asked_at: null,
      updated_at: now,
    })
    .execute();
  await db
    .insertInto('celebration_posts')
    .values({
      workspace_id: ws,
      user_id: person,
      occasion: 'birthday',
      occasion_year: 2027,
      occasion_date: '2027-04-02',
      observed_date: '2027-04-02',
      moment: now,
      years: null,
      delivery: 'channel',
      channel_id: 'C0PARTY',
      send_key: `celebration.birthday.${person}.2027`,
      created_at: now,
      message_ts: null,
      error: null,
      posted_at: null,
    })
    .execute();
  await db
    .insertInto('celebrations')
    .values({
      workspace_id: ws,
      title: 'Alex Able shipped search',
      url: null,
      channel_id: 'C0TEAM',
      contributor_ids: JSON.stringify([person, others.bea]),
      created_by: person,
      source: 'modal',
      request_key: 'c1',
      created_at: now,
      post_channel_id: null,
      post_ts: null,
      posted_at: null,
      failed_at: null,
      failure: null,
    })
    .execute();

  // Pairing.
  const programmeId = await insertProgrammeRow(db, {
    workspaceId: ws,
    channelId: 'C0COFFEE',
    createdAt: now,
    hostUserId: person,
    createdBy: person,
  });
  for (const userId of [person, others.bea, others.gina]) {
    await db
      .insertInto('programme_members')
      .values({
        workspace_id: ws,
        programme_id: programmeId,
        user_id: userId,
        status: 'active',
        paused_until: null,
        greeted_at: now,
        team_override: null,
        ghost_round_id: null,
        updated_at: now,
      })
      .execute();
  }
  await db
    .insertInto('pairing_blocks')
    .values([
      { workspace_id: ws, user_id: person, blocked_user_id: others.bea, created_at: now },
      { workspace_id: ws, user_id: others.gina, blocked_user_id: person, created_at: now },
    ])
    .execute();
  const pool = [person, others.bea, others.gina].map((userId) => ({
    userId,
    team: null,
    department: null,
    timeZone: 'UTC',
  }));
  const round = await db
    .insertInto('rounds')
    .values({
      workspace_id: ws,
      programme_id: programmeId,
      round_date: '2027-03-08',
      number: 1,
      status: 'delivering',
      seed: 's',
      checkin_at: later,
      close_at: later,
      approved_by: person,
      created_at: now,
      pool: JSON.stringify(pool),
      debts: JSON.stringify({ trio: [person], unmatched: [] }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const [delivered, pending] = await db
    .insertInto('round_groups')
    .values([
      {
        workspace_id: ws,
        round_id: round.id,
        members: [person, others.bea],
        why: `<@${person}> and <@${others.bea}> both like tea`,
        deliver_at: now,
        status: 'delivered',
        rescue_of: null,
        conversation_id: 'G0MPIM',
        intro_ts: '1.2',
        delivered_at: now,
      },
      {
        workspace_id: ws,
        round_id: round.id,
        members: [person, others.gina],
        why: 'new faces',
        deliver_at: later,
        status: 'pending',
        rescue_of: null,
        conversation_id: null,
        intro_ts: null,
        delivered_at: null,
      },
    ])
    .returning('id')
    .execute();
  await db
    .insertInto('round_checkins')
    .values({ workspace_id: ws, group_id: delivered?.id as string, user_id: person, answer: 'met', answered_at: now })
    .execute();
  await db
    .insertInto('round_unmatched')
    .values({ workspace_id: ws, round_id: round.id, user_id: person, reason: 'odd one out' })
    .execute();
  await db
    .insertInto('round_swaps')
    .values({
      workspace_id: ws,
      round_id: round.id,
      user_a: person,
      user_b: others.gina,
      group_a: delivered?.id as string,
      group_b: pending?.id as string,
      swapped_by: person,
      swapped_at: now,
    })
    .execute();
  await db
    .insertInto('member_team_overrides')
    .values([
      { workspace_id: ws, user_id: person, team: 'Design', department: null, set_by: person, updated_at: now },
      { workspace_id: ws, user_id: others.bea, team: 'Design', department: null, set_by: person, updated_at: now },
    ])
    .execute();
  await db
    .insertInto('pairing_profile_values')
    .values({ workspace_id: ws, user_id: person, fields: JSON.stringify({ Xf1: 'Design' }), fetched_at: now })
    .execute();
  await db
    .insertInto('pairing_usergroups')
    .values({
      workspace_id: ws,
      usergroup_id: 'S0DESIGN',
      handle: 'design',
      name: 'Design',
      members: [person, others.bea],
      fetched_at: now,
    })
    .execute();

  // Mentorship.
  const mentorship = await startProgramme(db, ws, now, { skills: ['Rust'] });
  await db.updateTable('mentorship_programmes').set({ created_by: person }).where('id', '=', mentorship).execute();
  await signUp(db, ws, mentorship, person, now, { goals: 'ship a Rust service' });
  await signUp(db, ws, mentorship, others.bea, now, {
    role: 'mentor',
    learns: [],
    teaches: ['Rust'],
    goals: 'help Alex Able grow',
  });
  await db
    .insertInto('mentorship_cycles')
    .values({
      workspace_id: ws,
      programme_id: mentorship,
      number: 1,
      status: 'active',
      seed: 's',
      proposal: JSON.stringify({
        pairs: [{ mentor: others.bea, mentee: person, score: 1, why: 'Rust' }],
        unmatched: [],
        stats: {},
      }),
      planned_at: now,
      approved_by: person,
      approved_at: now,
    })
    .execute();
  const pair = await db
    .insertInto('mentorship_pairs')
    .values({
      workspace_id: ws,
      programme_id: mentorship,
      cycle_id: null,
      request_id: null,
      mentor_id: others.bea,
      mentee_id: person,
      score: 1,
      why: `<@${person}> wants to learn Rust`,
      status: 'active',
      started_at: now,
      ended_at: null,
      ends_at: null,
      intro_sent_at: now,
      first_met_at: null,
      last_met_at: null,
      idle_nudged_at: null,
      end_warned_at: null,
      end_reason: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('mentorship_requests')
    .values({
      workspace_id: ws,
      programme_id: mentorship,
      mentee_id: person,
      mentor_id: others.gina,
      status: 'open',
      requested_at: now,
      answered_at: null,
      handed_off_at: null,
    })
    .execute();
  await db
    .insertInto('mentorship_checkins')
    .values({
      workspace_id: ws,
      pair_id: pair.id,
      user_id: person,
      number: 1,
      sent_at: now,
      answered_at: now,
      met: true,
      usefulness: 4,
    })
    .execute();
  await db
    .insertInto('mentorship_rematch_requests')
    .values({ workspace_id: ws, pair_id: pair.id, asked_by: person, asked_at: now, rematched_at: null })
    .execute();
  await db
    .insertInto('mentorship_feedback')
    .values([
      {
        workspace_id: ws,
        pair_id: pair.id,
        user_id: person,
        asked_at: now,
        answered_at: now,
        rating: 2,
        comment: 'too busy',
        continue_next: false,
      },
      {
        workspace_id: ws,
        pair_id: pair.id,
        user_id: others.bea,
        asked_at: now,
        answered_at: now,
        rating: 5,
        comment: 'Alex Able was great',
        continue_next: true,
      },
    ])
    .execute();

  // Their own insights: the recap turned off, a recap sent, their Home picture.
  await db
    .insertInto('insights_recap_optouts')
    .values({ workspace_id: ws, user_id: person, opted_out_at: now })
    .execute();
  await db
    .insertInto('insights_recaps')
    .values({ workspace_id: ws, user_id: person, quarter: '2027-Q1', outcome: 'sent', recorded_at: now })
    .execute();
  await db
    .insertInto('insights_pictures')
    .values({ workspace_id: ws, user_id: person, figures_hash: 'h', file_id: 'F0NETWORK', created_at: now })
    .execute();

  // The insights' kept counting sets: a tie, the people with a tie, the departments they gave to and heard from.
  await db
    .insertInto('insights_window_ties')
    .values({ workspace_id: ws, person_a: person, person_b: 'U0THEIRPAL', team_a: 'Platform', team_b: 'Sales' })
    .execute();
  await db
    .insertInto('insights_window_tie_people')
    .values({ workspace_id: ws, user_id: person, team: 'Platform' })
    .execute();
  await db
    .insertInto('insights_window_givers')
    .values({ workspace_id: ws, giver_id: person, from_department: 'Eng', to_departments: ['Sales'] })
    .execute();
  await db
    .insertInto('insights_window_recipients')
    .values({ workspace_id: ws, recipient_id: person, to_department: 'Eng', from_departments: ['Sales'] })
    .execute();
  await db
    .insertInto('insights_recognition_received')
    .values({ workspace_id: ws, recipient_id: person, kudos: 3 })
    .execute();

  // Their skills profile, every list.
  await db
    .insertInto('skill_profile_entries')
    .values(
      (['ask_me_about', 'can_mentor', 'want_to_learn', 'want_to_improve'] as const).map((list, position) => ({
        workspace_id: ws,
        user_id: person,
        list,
        skill: `Alex Able's ${list}`,
        skill_key: `alex-${list}`,
        position,
        updated_at: now,
      })),
    )
    .execute();

  // Learning requests they made and received.
  await db
    .insertInto('learning_requests')
    .values(
      [
        { asker_id: person, expert_id: others.bea },
        { asker_id: others.gina, expert_id: person },
      ].map((r) => ({
        workspace_id: ws,
        ...r,
        skill: 'Rust',
        skill_key: 'rust',
        kind: 'learn' as const,
        status: 'open' as const,
        requested_at: now,
      })),
    )
    .execute();

  // Keep in touch: their switch, their own list, their place in a colleague's list, prompts both ways.
  await db
    .insertInto('keep_in_touch_people')
    .values({ workspace_id: ws, user_id: person, last_reconnect_at: now, updated_at: now })
    .execute();
  await db
    .insertInto('keep_in_touch_contacts')
    .values(
      [
        { owner_id: person, contact_id: others.bea },
        { owner_id: others.gina, contact_id: person },
      ].map((c) => ({ workspace_id: ws, ...c, cadence_weeks: 4, anchor_at: now, created_at: now })),
    )
    .execute();
  await db
    .insertInto('keep_in_touch_prompts')
    .values(
      [
        { user_id: person, partner_id: others.bea },
        { user_id: others.gina, partner_id: person },
      ].map((p) => ({ workspace_id: ws, ...p, source: 'learning' as const, met_at: now, created_at: now })),
    )
    .execute();

  // The audit log, with the person as actor and as subject.
  await db.transaction().execute(async (trx) => {
    await recordAdminAction(trx, {
      workspaceId: ws,
      actorId: person,
      action: 'pairing.team_set',
      subject: person,
      changes: { team: { from: null, to: 'Design' }, admins: { from: [], to: [person] } },
      now,
    });
  });
}
