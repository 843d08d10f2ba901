// Shipped celebrations as their posting jobs follow them.
export {
  findCelebration,
  findUnpostedCelebrationIds,
  markCelebrationFailed,
  markCelebrationPosted,
  pruneWebhookSignatures,
} from '../../db/queries/celebrations.ts';
