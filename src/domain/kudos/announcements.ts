// Gifts and revocations as their announcement jobs follow them.
export {
  findGift,
  findUnannouncedGifts,
  findUnwithdrawnRevocations,
  markGiftAnnounced,
  markRevocationWithdrawn,
  setGiftPost,
} from '../../db/queries/kudos.ts';
