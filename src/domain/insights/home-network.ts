import type { Db } from '../../db/database.ts';
import { type PersonNetwork, personNetwork, picturesHash } from './person-network.ts';
import { findHomePicture, isRecapOff } from './quarterly-recap.ts';

export interface HomeNetwork {
  network: PersonNetwork;
  /** The uploaded picture of exactly these months, if there is one. */
  pictureFileId: string | undefined;
  /** What a new picture would be named; a picture is drawn only when a finished month has a connection. */
  pictureHash: string | undefined;
  recapOff: boolean;
}

/** The person's network for their Home tab, with the picture already uploaded for it when the figures are unchanged. */
export async function homeNetwork(
  db: Db,
  input: { workspaceId: string; userId: string; now: Date; timeZone: string },
): Promise<HomeNetwork> {
  const scope = { workspaceId: input.workspaceId, userId: input.userId };
  const [network, picture, recapOff] = await Promise.all([
    personNetwork(db, input),
    findHomePicture(db, scope),
    isRecapOff(db, scope),
  ]);
  const drawable = network.completedMonths.some((m) => m.people > 0);
  const pictureHash = drawable ? picturesHash(network.completedMonths) : undefined;
  return {
    network,
    pictureFileId: pictureHash && picture?.figures_hash === pictureHash ? picture.file_id : undefined,
    pictureHash,
    recapOff,
  };
}
