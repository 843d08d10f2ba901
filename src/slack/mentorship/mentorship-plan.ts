import type { WebClient } from '@slack/web-api';
import { approveMentorshipCycle } from '../../domain/mentorship/approve-cycle.ts';
import {
  findMentorshipCycle,
  findMentorshipProgramme,
  type MentorshipProgrammeRow,
} from '../../domain/mentorship/find-programme.ts';
import { planMentorshipCycle } from '../../domain/mentorship/plan-cycle.ts';
import { mentorshipProgrammeStatus } from '../../domain/mentorship/programme-status.ts';
import { plural } from '../../domain/text/english.ts';
import { canManageProgramme } from '../pairing/pairing-permissions.ts';
import { workspaceOf } from '../platform/context.ts';
import type { ListenerDeps } from '../platform/listener-deps.ts';
import type { ActionHandler, SlackSurface } from '../platform/surface.ts';
import { actionValue } from '../platform/view-state.ts';
import { republishMentorshipHomes } from './mentorship-home-refresh.ts';
import {
  approveCycleActionId,
  approvedView,
  openPlanActionId,
  planningView,
  planPreviewView,
  planRefusalView,
} from './mentorship-plan.blocks.ts';

const uuid = /^[0-9a-f-]{36}$/;
export const notPlannerText =
  'Only Nudge admins, or whoever created this programme or its channel, can plan and approve its pairs.';
export const choiceModeText =
  'In this programme mentees choose their mentors from suggestions, so there is no plan to approve. `/mentor settings` switches it to admin matching.';

/**
 * Runs the engine and shows the admin the proposed pairs, each with its reason, and every mentee left waiting
 * with theirs. The modal opens first (a trigger lasts 3 seconds; a large cohort may take longer to plan). The
 * caller has checked that the person may plan.
 */
export async function openPlanPreview(
  deps: ListenerDeps,
  client: WebClient,
  input: { workspaceId: string; userId: string; triggerId: string },
  programme: MentorshipProgrammeRow,
): Promise<void> {
  if (programme.matching_mode === 'choice') {
    await client.views.open({ trigger_id: input.triggerId, view: planRefusalView(choiceModeText) });
    return;
  }
  const opened = await client.views.open({ trigger_id: input.triggerId, view: planningView() });
  const viewId = opened.view?.id;
  const plan = await planMentorshipCycle(deps.db, {
    workspaceId: input.workspaceId,
    programmeId: programme.id,
    now: deps.clock.now(),
  });
  const view = plan.ok
    ? planPreviewView({
        channelId: programme.channel_id,
        cycleId: plan.cycleId,
        number: plan.number,
        proposal: plan.proposal,
        activePairs: (
          await mentorshipProgrammeStatus(deps.db, {
            workspaceId: input.workspaceId,
            programmeId: programme.id,
            userId: input.userId,
          })
        ).activePairs,
      })
    : planRefusalView('That mentorship programme no longer exists.');
  // The admin may have closed the modal meanwhile; the plan is stored either way, and `/mentor plan` plans it afresh.
  if (viewId) await client.views.update({ view_id: viewId, view }).catch(() => {});
}

/** The plan button (`mentorship_plan_open`) and the approval of a previewed cycle (`mentorship_approve`). */
export function registerMentorshipPlan(surface: SlackSurface, deps: ListenerDeps): void {
  const handleOpenPlan: ActionHandler = async ({ ack, action, body, client, context, respond }) => {
    await ack();
    const workspaceId = workspaceOf(context);
    const id = actionValue(action) ?? '';
    const programme = uuid.test(id) ? await findMentorshipProgramme(deps.db, workspaceId, id) : undefined;
    const tell = async (text: string) => {
      await respond({ response_type: 'ephemeral', replace_original: false, text }).catch(() => {});
    };
    if (!programme) return await tell('That mentorship programme no longer exists.');
    const ctx = { workspaceId, userId: body.user.id, channelId: programme.channel_id, client };
    if (!(await canManageProgramme(deps, ctx, programme))) return await tell(notPlannerText);
    const triggerId = (body as { trigger_id?: string }).trigger_id;
    if (triggerId) await openPlanPreview(deps, client, { workspaceId, userId: body.user.id, triggerId }, programme);
  };
  surface.action(openPlanActionId, handleOpenPlan);

  const handleApproveCycle: ActionHandler = async ({ ack, action, body, client, context, respond }) => {
    await ack();
    const workspaceId = workspaceOf(context);
    const viewId = (body as { view?: { id?: string } }).view?.id;
    const show = async (view: ReturnType<typeof approvedView>, text: string) => {
      if (viewId) await client.views.update({ view_id: viewId, view }).catch(() => {});
      else await respond({ response_type: 'ephemeral', replace_original: false, text }).catch(() => {});
    };
    const refuse = (text: string) => show(planRefusalView(text), text);
    const id = actionValue(action) ?? '';
    const cycle = uuid.test(id) ? await findMentorshipCycle(deps.db, workspaceId, id) : undefined;
    const programme = cycle ? await findMentorshipProgramme(deps.db, workspaceId, cycle.programme_id) : undefined;
    if (!cycle || !programme) return await refuse('That plan no longer exists.');
    const ctx = { workspaceId, userId: body.user.id, channelId: programme.channel_id, client };
    if (!(await canManageProgramme(deps, ctx, programme))) return await refuse(notPlannerText);
    const result = await approveMentorshipCycle(deps.db, {
      workspaceId,
      cycleId: cycle.id,
      approvedBy: body.user.id,
      now: deps.clock.now(),
    });
    if (!result.ok) return await refuse('That plan no longer exists.');
    // Only the approval that formed the pairs queues their intros; each intro is also keyed by its pair.
    for (const pairId of result.pairIds) await deps.queues.enqueue('mentorship.intro', { workspaceId, pairId });
    if (!result.alreadyApproved) {
      // Read again: the approved proposal is the one the pairs came from, even if a re-plan raced the click.
      const approved = await findMentorshipCycle(deps.db, workspaceId, cycle.id);
      const people = (approved?.proposal.pairs ?? []).flatMap((p) => [p.mentor, p.mentee]);
      await republishMentorshipHomes(deps.queues, workspaceId, people);
    }
    const done = { pairsCreated: result.pairsCreated, alreadyApproved: result.alreadyApproved };
    await show(
      approvedView({ ...done, channelId: programme.channel_id }),
      result.alreadyApproved
        ? 'This cycle was already approved: its pairs are formed, and nothing changed.'
        : `Approved: ${plural(result.pairsCreated, 'pair')} formed.`,
    );
  };
  surface.action(approveCycleActionId, handleApproveCycle);
}
