// Mentorship programme, sign-up and cycle lookups for listeners and background work.
export { findMentorshipCycle, type MentorshipCycleRow } from '../../db/queries/mentorship-cycles.ts';
export {
  findMentorshipProgramme,
  findMentorshipProgrammeByChannel,
  findMentorshipProgrammes,
  type MentorshipProgrammeRow,
} from '../../db/queries/mentorship-programmes.ts';
export { findMentorshipSignup, type MentorshipSignupRow } from '../../db/queries/mentorship-signups.ts';
