import type { HomeView, KnownBlock } from '@slack/types';
import type { CelebrationsHomeSummary } from '../../domain/celebrations/home-summary.ts';
import type { KeepInTouchOverview } from '../../domain/keep-in-touch/contacts.ts';
import type { KudosHomeSummary } from '../../domain/kudos/home-summary.ts';
import type { LearningHomeSummary } from '../../domain/learning/home-summary.ts';
import type { SkillProfile } from '../../domain/learning/skill-profile.ts';
import type { MentorshipHomeLine } from '../../domain/mentorship/home-summary.ts';
import type { ProgrammeHomeLine } from '../../domain/pairing/home-summary.ts';
import { describeInstant } from '../../domain/time/periods.ts';
import { celebrationsHomeBlocks } from '../celebrations/celebrations-home.blocks.ts';
import { type NetworkHomeInput, networkHomeBlocks } from '../insights/network-home.blocks.ts';
import { keepInTouchHomeBlocks } from '../keep-in-touch/keep-in-touch-home.blocks.ts';
import { openKudosModalActionId } from '../kudos/kudos-modal.blocks.ts';
import { learningRequestsHomeBlocks } from '../learning/learning-home.blocks.ts';
import { skillsHomeBlocks } from '../learning/skills-profile.blocks.ts';
import { openWorkspaceSkillsActionId } from '../learning/workspace-skills.blocks.ts';
import { maxMentorshipHomeBlocks, mentorshipHomeBlocks } from '../mentorship/mentorship-home.blocks.ts';
import { pairingHomeBlocks } from '../pairing/pairing-home.blocks.ts';
import { openTeamsActionId } from '../pairing/pairing-teams.blocks.ts';
import { actions, button, context, divider, header, mrkdwn, section } from '../platform/block-kit.ts';
import { escapeMrkdwn } from './help.blocks.ts';
export const openSettingsActionId = 'nudge_open_settings';

export interface HomeViewInput {
  userId: string;
  displayName?: string | undefined;
  workspaceName?: string | undefined;
  timeZone?: string | undefined;
  kudos?: KudosHomeSummary | undefined;
  celebrations?: CelebrationsHomeSummary | undefined;
  pairing?: ProgrammeHomeLine[] | undefined;
  mentorship?: MentorshipHomeLine[] | undefined;
  skills?: SkillProfile | undefined;
  network?: NetworkHomeInput | undefined;
  keepInTouch?: KeepInTouchOverview | undefined;
  learningRequests?: LearningHomeSummary | undefined;
  isAdmin?: boolean;
}

function kudosSection(kudos: KudosHomeSummary, timeZone: string): KnownBlock[] {
  const blocks: KnownBlock[] = [
    header('Kudos'),
    {
      type: 'section',
      fields: [
        mrkdwn(`*Received*\n${kudos.receivedThisWeek} this week · ${kudos.receivedThisMonth} this month`),
        mrkdwn(`*Given*\n${kudos.givenThisWeek} this week · ${kudos.givenThisMonth} this month`),
        mrkdwn(
          `*Allowance left*\n${kudos.allowanceLeft} of ${kudos.allowance}, resets ${describeInstant(kudos.allowanceResetsAt, timeZone)}`,
        ),
        mrkdwn(
          `*Your top values*\n${kudos.topValues.length ? kudos.topValues.map((v) => `#${escapeMrkdwn(v.value)} (${v.count})`).join(' · ') : 'None yet'}`,
        ),
      ],
      accessory: button({ text: 'Give kudos', actionId: openKudosModalActionId, style: 'primary' }),
    },
  ];
  if (kudos.latest.length > 0) {
    blocks.push(
      section(
        `*Latest kudos to you*\n${kudos.latest.map((l) => `• <@${l.giverId}>: ${l.reason.slice(0, 280)}`).join('\n')}`,
      ),
    );
  }
  return blocks;
}

function adminSection(kudos: KudosHomeSummary | undefined): KnownBlock[] {
  const pairs = kudos?.reciprocity ?? [];
  const text = pairs.length
    ? pairs.map((p) => `• <@${p.a}> → <@${p.b}> ${p.aToB}, back ${p.bToA}`).join('\n')
    : 'No pairs are trading kudos back and forth.';
  return [
    divider(),
    header('Admin'),
    section(`*Reciprocity flags (last 30 days)*\n${text}`),
    actions([
      button({ text: 'Settings', actionId: openSettingsActionId }),
      button({ text: 'Coffee: teams and departments', actionId: openTeamsActionId }),
      button({ text: 'Skills list', actionId: openWorkspaceSkillsActionId }),
    ]),
  ];
}

/** The App Home tab: a welcome, the user's kudos, their settings, and for admins the admin section. */
export function homeView(input: HomeViewInput): HomeView {
  const name = input.displayName ? escapeMrkdwn(input.displayName) : `<@${input.userId}>`;
  const place = input.workspaceName ? ` at ${escapeMrkdwn(input.workspaceName)}` : '';
  const timeZone = input.timeZone ?? 'UTC';
  const skills = [
    ...(input.skills ? [divider(), ...skillsHomeBlocks(input.skills)] : []),
    ...(input.learningRequests ? learningRequestsHomeBlocks(input.learningRequests) : []),
  ];
  const network = input.network ? networkHomeBlocks(input.network) : [];
  const keepInTouch = input.keepInTouch ? keepInTouchHomeBlocks(input.keepInTouch) : [];
  // The other personal sections come out of mentorship's share (the longest), so the tab stays within Slack's 100.
  const mentorshipBudget = maxMentorshipHomeBlocks - skills.length - network.length - keepInTouch.length;
  return {
    type: 'home',
    callback_id: 'nudge_home',
    blocks: [
      header('Welcome to Nudge'),
      section(
        `Hi ${name}! Nudge helps people${place} recognise each other and meet people they would not otherwise meet.`,
      ),
      ...(input.kudos ? [divider(), ...kudosSection(input.kudos, timeZone)] : []),
      ...network,
      ...(input.celebrations ? celebrationsHomeBlocks(input.celebrations) : []),
      divider(),
      header('Your settings'),
      { type: 'section', fields: [mrkdwn(`*Time zone*\n${escapeMrkdwn(input.timeZone ?? 'not known yet')}`)] },
      ...pairingHomeBlocks(input.pairing ?? []),
      ...skills,
      ...keepInTouch,
      ...(input.mentorship ? mentorshipHomeBlocks(input.mentorship, timeZone, mentorshipBudget) : []),
      ...(input.isAdmin ? adminSection(input.kudos) : []),
      context('Type `/nudge help` in any channel to see every command.'),
    ],
  };
}
