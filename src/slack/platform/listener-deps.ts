import type { JobQueues } from '../../../jobs/queues.ts';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../observability/clock.ts';
import type { Logger } from '../../observability/logger.ts';
import type { SecretBox } from '../../security/secret-box.ts';
import type { KudosEmojiLookup } from '../kudos/kudos-emoji.ts';

/** What listeners may use: the database, the job queues (through their contracts), time and a logger. */
export interface ListenerDeps {
  db: Db;
  queues: JobQueues;
  clock: Clock;
  logger: Logger;
  /** Seals secrets at rest (the celebrations webhook secret). */
  secrets: SecretBox;
  /** The kudos emoji per workspace, briefly cached: every reaction event asks. */
  kudosEmoji: KudosEmojiLookup;
  /** Drops cached credentials and status of a workspace that was just uninstalled. */
  onWorkspaceDeactivated(workspaceId: string): void;
}
