import type { CheckinAnswer } from '../../db/schema-pairing.ts';
import { approveRound } from '../../domain/pairing/approve-round.ts';
import { recordCheckin } from '../../domain/pairing/checkin.ts';
import { findProgramme, findProgrammeByChannel } from '../../domain/pairing/find-programme.ts';
import { resumeMember } from '../../domain/pairing/member-controls.ts';
import { findRound } from '../../domain/pairing/rounds.ts';
import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { ActionHandler, EventHandler, SlackSurface } from '../platform/surface.ts';
import { approveRoundActionId, checkinActionId, checkinAnswers, resumeMemberActionId } from './pairing.blocks.ts';
import { canApproveRound } from './pairing-permissions.ts';

const answerLabels: Record<CheckinAnswer, string> = {
  met: 'you met',
  scheduled: 'it is scheduled',
  not_this_time: 'not this time',
};

/** Check-in buttons in the group DMs (answers shown to the group), the approval button in the admin's preview, and channel joins (opt-in). */
export function registerPairingActions(surface: SlackSurface, deps: ListenerDeps): void {
  for (const { answer } of checkinAnswers) {
    const actionId = `${checkinActionId}_${answer}`;
    const handleCheckinAnswer: ActionHandler = async ({ ack, action, body, respond, context }) => {
      await ack();
      const workspaceId = workspaceOf(context);
      const [groupId = '', chosen = ''] = ((action as { value?: string }).value ?? '').split('|');
      const valid = checkinAnswers.some((a) => a.answer === chosen) && /^[0-9a-f-]{36}$/.test(groupId);
      const result = valid
        ? await recordCheckin(deps.db, {
            workspaceId,
            groupId,
            userId: body.user.id,
            answer: chosen as CheckinAnswer,
            now: deps.clock.now(),
          })
        : ({ ok: false, reason: 'unknown_group' } as const);
      // The group sees each member's answer on the check-in message itself. Queued on every click, keyed by when the
      // answer was given: a repeated answer is the same job (nothing changes twice), and a click whose queueing failed
      // is made good by the next one.
      if (result.ok)
        await deps.queues.enqueue('pairing.checkin-update', {
          workspaceId,
          groupId,
          userId: body.user.id,
          answeredAt: result.answeredAt.getTime(),
        });
      const text = result.ok
        ? `Thanks! Noted: ${answerLabels[result.answer]}.`
        : 'That check-in is not for you, or is no longer open.';
      await respond({ response_type: 'ephemeral', replace_original: false, text }).catch(() => {});
    };
    surface.action(actionId, handleCheckinAnswer);
  }

  const handleApproveRound: ActionHandler = async ({ ack, action, body, respond, context }) => {
    await ack();
    const workspaceId = workspaceOf(context);
    const roundId = (action as { value?: string }).value ?? '';
    const tell = async (text: string) => {
      await respond({ response_type: 'ephemeral', replace_original: false, text }).catch(() => {});
    };
    const round = /^[0-9a-f-]{36}$/.test(roundId) ? await findRound(deps.db, workspaceId, roundId) : undefined;
    const programme = round ? await findProgramme(deps.db, workspaceId, round.programme_id) : undefined;
    if (!round || !programme) return await tell('That round no longer exists.');
    if (!(await canApproveRound(deps, workspaceId, body.user.id, programme)))
      return await tell('Only Nudge admins or the programme’s creator can approve a round.');
    const result = await approveRound(deps.db, {
      workspaceId,
      roundId,
      approvedBy: body.user.id,
      now: deps.clock.now(),
    });
    if (!result.ok) return await tell('This round was already approved.');
    await deps.queues.enqueue('pairing.resume', { workspaceId, roundId });
    await tell('Approved: the intros are on their way.');
  };
  surface.action(approveRoundActionId, handleApproveRound);

  const handleResumeMember: ActionHandler = async ({ ack, action, body, respond, context }) => {
    await ack();
    const workspaceId = workspaceOf(context);
    const programmeId = (action as { value?: string }).value ?? '';
    const programme = /^[0-9a-f-]{36}$/.test(programmeId)
      ? await findProgramme(deps.db, workspaceId, programmeId)
      : undefined;
    if (!programme) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: 'That programme no longer exists.' });
      return;
    }
    await resumeMember(deps.db, { workspaceId, programmeId, userId: body.user.id, now: deps.clock.now() });
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: `Welcome back! You're in the next round of <#${programme.channel_id}>.`,
    });
  };
  surface.action(resumeMemberActionId, handleResumeMember);

  const handleMemberJoinedChannel: EventHandler<'member_joined_channel'> = async ({ event, context }) => {
    const workspaceId = workspaceOf(context);
    const programme = await findProgrammeByChannel(deps.db, workspaceId, event.channel);
    if (programme)
      await deps.queues.enqueue('pairing.greet', { workspaceId, programmeId: programme.id, userId: event.user });
  };
  surface.event('member_joined_channel', handleMemberJoinedChannel);
}
