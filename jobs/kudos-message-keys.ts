/**
 * The idempotency keys of the messages that announce a gift. The announcement posts under them and the
 * retraction deletes what was posted under them, so both read them from here.
 */
export const kudosMessageKeys = {
  post: (giftId: string) => `kudos.post.${giftId}`,
  fallback: (giftId: string) => `kudos.fallback.${giftId}`,
  dm: (giftId: string, recipientId: string) => `kudos.dm.${giftId}.${recipientId}`,
};

export function allKudosMessageKeys(gift: { id: string; recipientIds: string[] }): string[] {
  return [
    kudosMessageKeys.post(gift.id),
    kudosMessageKeys.fallback(gift.id),
    ...gift.recipientIds.map((recipientId) => kudosMessageKeys.dm(gift.id, recipientId)),
  ];
}
