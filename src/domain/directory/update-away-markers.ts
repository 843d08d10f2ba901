import type { Db } from '../../db/database.ts';
import { findAwayMarkers, upsertAwayMarkers } from '../../db/queries/away-markers.ts';
import { findMember } from '../../db/queries/members.ts';
import { changedFields, recordAdminAction } from '../audit/record-admin-action.ts';
import { isNudgeAdmin } from '../kudos/admins.ts';
import { loadKudosSettings } from '../kudos/settings.ts';
import { defaultAwayMarkers } from './away.ts';

export type UpdateAwayMarkersResult =
  | { ok: true; markers: string[] }
  | { ok: false; refused: 'not_admin' }
  | { ok: false; error: string };

const maxMarkers = 50;
const maxMarkerLength = 40;

/** One marker a line or comma-separated; duplicates and case folded away, the order kept. */
export function parseAwayMarkers(text: string): string[] {
  const markers = text
    .split(/[\n,]+/)
    .map((m) => m.trim().replace(/\s+/g, ' ').toLowerCase())
    .filter(Boolean);
  return [...new Set(markers)];
}

/** The markers a text gives, or what is wrong with it; an empty text means the default list. */
export function checkAwayMarkers(text: string): { ok: true; markers: string[] } | { ok: false; error: string } {
  const parsed = parseAwayMarkers(text);
  if (parsed.length > maxMarkers) return { ok: false, error: `At most ${maxMarkers} words or emoji.` };
  if (parsed.some((m) => m.length > maxMarkerLength)) {
    return { ok: false, error: `Each word or emoji is at most ${maxMarkerLength} characters.` };
  }
  return { ok: true, markers: parsed.length === 0 ? [...defaultAwayMarkers] : parsed };
}

/** An admin replaces the workspace's away words and emoji; an empty list brings the default back. */
export async function updateAwayMarkers(
  db: Db,
  input: { workspaceId: string; actorId: string; text: string; now: Date },
): Promise<UpdateAwayMarkersResult> {
  const [actor, settings] = await Promise.all([
    findMember(db, input.workspaceId, input.actorId),
    loadKudosSettings(db, input.workspaceId),
  ]);
  if (!isNudgeAdmin(actor, settings)) return { ok: false, refused: 'not_admin' };
  const checked = checkAwayMarkers(input.text);
  if (!checked.ok) return checked;
  const markers = checked.markers;
  await db.transaction().execute(async (trx) => {
    const before = (await findAwayMarkers(trx, input.workspaceId)) ?? [...defaultAwayMarkers];
    const changes = changedFields({ awayMarkers: before }, { awayMarkers: markers });
    if (Object.keys(changes).length === 0) return;
    await recordAdminAction(trx, {
      workspaceId: input.workspaceId,
      actorId: input.actorId,
      action: 'directory.away_markers_changed',
      changes,
      now: input.now,
    });
    await upsertAwayMarkers(trx, { workspaceId: input.workspaceId, markers, now: input.now });
  });
  return { ok: true, markers };
}
