// Slack event ids already handled, so a redelivered event is dropped.
export { claimEvent, deleteProcessedEventsBefore, releaseEvent } from '../../db/queries/processed-events.ts';
