import type { Db } from '../../db/database.ts';
import { findCelebrationSettings, upsertCelebrationSettings } from '../../db/queries/celebration-settings.ts';
import { findWorkspace } from '../../db/queries/workspaces.ts';
import { isCelebrationAdmin } from './admin.ts';
import { generateWebhookSecret } from './webhook-signature.ts';

/** What seals secrets at rest (the SecretBox); the domain needs nothing else of it. */
export interface Sealer {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

export type RevealSecretResult =
  | { ok: true; secret: string; createdAt: Date; created: boolean }
  | { ok: false; refused: 'not_admin' };

/**
 * Admins see the workspace's webhook secret (made on first request) or rotate it; the old one stops working
 * at once. Stored sealed (AES-256-GCM): verifying an HMAC needs the secret itself, so a hash would not do.
 */
export async function revealWebhookSecret(
  db: Db,
  sealer: Sealer,
  input: { workspaceId: string; actorId: string; rotate: boolean; now: Date },
): Promise<RevealSecretResult> {
  if (!(await isCelebrationAdmin(db, input.workspaceId, input.actorId))) return { ok: false, refused: 'not_admin' };
  const row = await findCelebrationSettings(db, input.workspaceId);
  if (row?.webhook_secret_sealed && !input.rotate) {
    return {
      ok: true,
      secret: sealer.open(row.webhook_secret_sealed),
      createdAt: row.webhook_secret_created_at ?? input.now,
      created: false,
    };
  }
  const secret = generateWebhookSecret();
  await upsertCelebrationSettings(db, input.workspaceId, {
    webhook_secret_sealed: sealer.seal(secret),
    webhook_secret_created_at: input.now,
    updated_at: input.now,
  });
  return { ok: true, secret, createdAt: input.now, created: true };
}

/** The secret inbound webhooks of an active workspace are verified with; undefined when none is set. */
export async function webhookSecretFor(db: Db, sealer: Sealer, workspaceId: string): Promise<string | undefined> {
  const workspace = await findWorkspace(db, workspaceId);
  if (workspace?.status !== 'active') return undefined;
  const row = await findCelebrationSettings(db, workspaceId);
  if (!row?.webhook_secret_sealed) return undefined;
  try {
    return sealer.open(row.webhook_secret_sealed);
  } catch {
    // Sealed under another encryption key: unusable until an admin rotates it.
    return undefined;
  }
}
