import { describe, expect, test } from 'vitest';
import { defaultCelebrationSettings } from '../../../src/domain/celebrations/settings.ts';
import type { PersonNetwork } from '../../../src/domain/insights/person-network.ts';
import type { KeepInTouchOverview } from '../../../src/domain/keep-in-touch/contacts.ts';
import type { LearningHomeRequest } from '../../../src/domain/learning/home-summary.ts';
import type { MentorshipCohortSummary } from '../../../src/domain/mentorship/cohort-summary.ts';
import type { MentorshipHomeLine } from '../../../src/domain/mentorship/home-summary.ts';
import type { MentorshipPartner } from '../../../src/domain/mentorship/person-mentorship.ts';
import type { ProgrammeHomeLine } from '../../../src/domain/pairing/home-summary.ts';
import { fewerThanFive, withheld } from '../../../src/domain/privacy/small-groups.ts';
import { checkView, VIEW_MAX_BLOCKS } from '../../../src/sandbox/index.ts';
import { homeView } from '../../../src/slack/home/home.blocks.ts';
import { mentorshipHomeBlocks } from '../../../src/slack/mentorship/mentorship-home.blocks.ts';

const at = new Date('2027-03-10T12:00:00Z');
const partner = (i: number): MentorshipPartner => ({
  pairId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  userId: `U0P${i}`,
  goals: 'g'.repeat(280),
  startedAt: at,
  nextCheckinAt: at,
  endsAt: at,
});
const cohort = (programmeId: string): MentorshipCohortSummary => ({
  programmeId,
  channelId: 'C0M',
  matchingMode: 'admin',
  signedUp: 40,
  mentorsOnly: 10,
  lookingForMentor: 30,
  menteesOnly: withheld,
  both: fewerThanFive,
  matched: 20,
  waiting: 10,
  waitingReasons: [
    { reason: 'not-taught', people: 5 },
    { reason: 'no-room', people: 5 },
  ],
  requestsPending: fewerThanFive,
  meetingRate: 0.5,
  checkinUsefulness: 3.6,
  feedbackRating: fewerThanFive,
});
/** The largest a programme gets on one Home: a mentor with five mentees who also has a mentor, seen by an admin. */
const busiest = (i: number): MentorshipHomeLine => {
  const programmeId = `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`;
  return {
    programmeId,
    channelId: `C0M${i}`,
    mine: {
      programmeId,
      channelId: `C0M${i}`,
      matchingMode: 'choice',
      role: 'both',
      goals: 'g',
      mentor: partner(0),
      mentees: [1, 2, 3, 4, 5].map(partner),
      openRequests: [],
      canRequest: false,
    },
    open: undefined,
    cohort: cohort(programmeId),
  };
};

describe('the mentorship section of the Home tab', () => {
  const fullSkills = {
    ask_me_about: ['Kubernetes'],
    can_mentor: ['Go'],
    want_to_learn: ['x'.repeat(100)],
    want_to_improve: Array.from({ length: 20 }, (_, i) => `Skill ${i}`),
  };
  const openRequest = (i: number, askerId: string, expertId: string): LearningHomeRequest => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    askerId,
    expertId,
    skill: 'y'.repeat(100),
    kind: 'shadow_half_day',
    proposedDate: '2027-01-04',
    expiresAt: at,
  });
  const twentyOpenRequests = {
    received: Array.from({ length: 10 }, (_, i) => openRequest(i, `U0A${i}`, 'U0ME')),
    sent: Array.from({ length: 10 }, (_, i) => openRequest(10 + i, 'U0ME', `U0E${i}`)),
  };
  const figures = {
    peopleMet: 40,
    teamsReached: 12,
    departmentsReached: 5,
    crossTeamShare: 0.7,
    kudos: { given: 30, received: 25, givenAcrossTeams: 20, receivedAcrossTeams: 15 },
    mentorship: { mentoring: 2, mentored: 1 },
    learning: { learned: 3, taught: 4 },
  };
  const busiestNetwork: PersonNetwork = {
    quarter: { label: 'Q4 2026', figures },
    year: { label: '2026', figures },
    completedMonths: Array.from({ length: 11 }, (_, i) => ({ label: `M${i}`, people: i })),
  };
  const fiftyContacts: KeepInTouchOverview = {
    optedOut: false,
    contacts: Array.from({ length: 50 }, (_, i) => ({
      owner_id: 'U0ME',
      contact_id: `U0C${i}`,
      cadence_weeks: 4,
      anchor_at: at,
      snoozed_until: null,
      last_contact_at: null,
      due_at: at,
      last_reconnect_at: null,
    })),
  };
  test.each([
    { with: 'without the skills section', skills: undefined, learningRequests: undefined },
    { with: 'with the skills section', skills: fullSkills, learningRequests: undefined },
    {
      with: 'with the skills section and twenty open learning requests',
      skills: fullSkills,
      learningRequests: twentyOpenRequests,
    },
    {
      with: 'with every personal section at its largest',
      skills: fullSkills,
      learningRequests: twentyOpenRequests,
      network: { network: busiestNetwork, pictureFileId: 'F0SBX00001', recapOff: true },
      keepInTouch: fiftyContacts,
    },
  ])(
    'however many programmes, the whole Home stays within Slack’s 100 blocks and its limits ($with)',
    ({ skills, learningRequests, network, keepInTouch }) => {
      const pairing: ProgrammeHomeLine[] = Array.from({ length: 30 }, (_, i) => ({
        programmeId: `p${i}`,
        channelId: `C0P${i}`,
        kind: 'coffee',
        frequency: 'weekly',
        weekday: 1,
        myStatus: 'active',
        member: true,
        progress: { number: 1, status: 'delivering', delivered: 1, total: 2 },
      }));
      const view = homeView({
        userId: 'U0ME',
        isAdmin: true,
        skills,
        learningRequests,
        network,
        keepInTouch,
        pairing,
        mentorship: Array.from({ length: 30 }, (_, i) => busiest(i)),
        kudos: {
          givenThisWeek: 1,
          givenThisMonth: 1,
          receivedThisWeek: 1,
          receivedThisMonth: 1,
          allowanceLeft: 1,
          allowance: 5,
          allowanceResetsAt: at,
          topValues: [],
          latest: [{ giverId: 'U0A', reason: 'thanks', givenAt: at }],
          reciprocity: [],
        },
        celebrations: {
          profile: undefined,
          admin: { settings: { ...defaultCelebrationSettings }, upcoming: [], privateCount: 1, waitingForChannel: 2 },
        },
      });
      expect(view.blocks.length).toBeLessThanOrEqual(VIEW_MAX_BLOCKS);
      expect(checkView(JSON.parse(JSON.stringify(view)), ['home'])).toEqual({ ok: true });
      if (learningRequests) {
        expect(JSON.stringify(view)).toMatch(/…and \d+ more: `\/mentor status` in each programme's channel\./);
        expect(JSON.stringify(view)).toContain('Learning requests');
      } else expect(JSON.stringify(view)).toContain("…and 27 more: `/mentor status` in each programme's channel.");
      if (skills) expect(JSON.stringify(view)).toContain('Your skills');
      if (network) expect(JSON.stringify(view)).toContain('F0SBX00001');
      if (keepInTouch) expect(JSON.stringify(view)).toContain('U0C0');
    },
  );

  test('a workspace with no programme says how one starts', () => {
    expect(JSON.stringify(mentorshipHomeBlocks([], 'UTC'))).toContain('`/mentor start`');
  });
});
