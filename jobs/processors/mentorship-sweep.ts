import { enqueueMentorshipFollowUps } from '../mentorship-followups.ts';
import type { Processor } from '../processor.ts';

/** Hourly per programme: ends the pairs whose time is up and queues every message its pairs are owed. */
export const processMentorshipSweep: Processor<'mentorship.sweep'> = async (data, { deps }) =>
  await enqueueMentorshipFollowUps(deps, data);
