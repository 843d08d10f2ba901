// Slack event ids already handled, so a redelivered event is dropped; the retention sweep expires them.
export { claimEvent, releaseEvent } from '../../db/queries/processed-events.ts';
