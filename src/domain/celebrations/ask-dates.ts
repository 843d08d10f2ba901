// Who is asked for their birthday and start date, and when they were.
export { findPeopleToAsk, markAskedForDates } from '../../db/queries/celebration-profiles.ts';
