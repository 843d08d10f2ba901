import type { KnownBlock, ModalView } from '@slack/types';
import type { MentorshipProposal } from '../../db/schema-mentorship.ts';
import { plural } from '../../domain/text/english.ts';
import { escapeMrkdwn } from '../home/help.blocks.ts';
import { actions, button, context, header, plainText, section } from '../platform/block-kit.ts';

/** The admin's preview of a cycle's pairs, its approval, and what the approval did. */

export const openPlanActionId = 'mentorship_plan_open';
export const approveCycleActionId = 'mentorship_approve';

/** A section holds 3,000 characters; lines are packed below that, and the view stays under 100 blocks and 250 kB. */
const sectionChars = 2_900;
const maxListSections = 30;

/** Lines packed into as few sections as fit, at most `max`; what does not fit is counted, never cut mid-line. */
function packed(lines: string[], max: number): { blocks: KnownBlock[]; left: number } {
  const texts: string[] = [];
  let current = '';
  let used = 0;
  for (const whole of lines) {
    const line = whole.slice(0, sectionChars);
    if (current && current.length + 1 + line.length > sectionChars) {
      if (texts.length + 1 >= max) break;
      texts.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
    used++;
  }
  if (current) texts.push(current);
  return { blocks: texts.map((t) => section(t)), left: lines.length - used };
}

export function planningView(): ModalView {
  return {
    type: 'modal',
    title: plainText('Mentorship plan'),
    close: plainText('Close'),
    blocks: [section('Matching mentors and mentees…')],
  };
}

export function planPreviewView(input: {
  channelId: string;
  cycleId: string;
  number: number;
  proposal: MentorshipProposal;
  activePairs: number;
}): ModalView {
  const { pairs, unmatched } = input.proposal;
  const mentees = pairs.length + unmatched.length;
  const blocks: KnownBlock[] = [
    header(`Cycle ${input.number}: the proposed pairs`),
    section(
      `<#${input.channelId}>: ${plural(pairs.length, 'pair')}; ${pairs.length} of ${plural(mentees, 'mentee')} matched, ${unmatched.length} waiting. Nobody is told anything until you approve.`,
    ),
  ];
  if (pairs.length > 0) {
    const lines = pairs.map((p) => `• <@${p.mentor}> mentors <@${p.mentee}>: ${escapeMrkdwn(p.why)}`);
    const list = packed(lines, maxListSections);
    blocks.push(section('*Pairs*'), ...list.blocks);
    if (list.left > 0) blocks.push(context(`…and ${plural(list.left, 'more pair')}, approved with the rest.`));
  }
  if (unmatched.length > 0) {
    const lines = unmatched.map((u) => `• <@${u.id}>: ${escapeMrkdwn(u.reason)}`);
    const list = packed(lines, maxListSections);
    blocks.push(section('*Without a mentor this cycle*'), ...list.blocks);
    if (list.left > 0) blocks.push(context(`…and ${plural(list.left, 'more mentee')}.`));
  }
  if (pairs.length === 0) {
    blocks.push(
      context('There is nothing to approve: no mentee could be matched. Sign-ups or settings may change that.'),
    );
  } else {
    if (input.activePairs > 0)
      blocks.push(context(`Approving ends the ${plural(input.activePairs, 'pair')} of the current cycle.`));
    blocks.push(
      actions(
        [
          button({
            text: `Approve ${plural(pairs.length, 'pair')}`,
            actionId: approveCycleActionId,
            value: input.cycleId,
            style: 'primary',
          }),
        ],
        'mentorship_plan_approve',
      ),
    );
  }
  return { type: 'modal', title: plainText('Mentorship plan'), close: plainText('Close'), blocks };
}

export function approvedView(input: { pairsCreated: number; alreadyApproved: boolean; channelId: string }): ModalView {
  const text = input.alreadyApproved
    ? `This cycle of <#${input.channelId}> was already approved: its pairs are formed, and nothing changed.`
    : `:white_check_mark: Approved: ${plural(input.pairsCreated, 'pair')} formed in <#${input.channelId}>. Each pair gets an introduction in a group DM.`;
  return {
    type: 'modal',
    title: plainText('Mentorship plan'),
    close: plainText('Done'),
    blocks: [section(text)],
  };
}

export function planRefusalView(text: string): ModalView {
  return { type: 'modal', title: plainText('Mentorship plan'), close: plainText('Close'), blocks: [section(text)] };
}
