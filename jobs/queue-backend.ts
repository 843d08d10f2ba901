import {
  type Processor as BullProcessor,
  createPostgresBackend,
  Queue,
  type QueueOptions,
  Worker,
  type WorkerOptions,
} from 'bullmq';
import type { Redis } from 'ioredis';
import { postgresConnection } from '../src/db/postgres-connection.ts';

/**
 * Where BullMQ keeps its jobs: Redis in production, or the PostgreSQL backend (BullMQ 6) on Nudge's own
 * database for a small install with no Redis. The job code is identical on both.
 */
export type QueueBackend =
  | { kind: 'redis'; connection: Redis; prefix: string }
  | { kind: 'postgres'; connectionString: string; ca?: string | undefined };

// biome-ignore lint/suspicious/noExplicitAny: one queue type for both backends; payloads are checked by the contracts.
export type AnyQueue = Queue<any, any, string, any, any, string, any, any>;
// biome-ignore lint/suspicious/noExplicitAny: as above.
export type AnyWorker = Worker<any, any, string, any, any, any>;

type CommonQueueOptions = Omit<QueueOptions, 'connection' | 'prefix'>;
type CommonWorkerOptions = Omit<WorkerOptions, 'connection' | 'prefix'>;

const postgresPoolSize = 4;

export function createQueue(name: string, backend: QueueBackend, options: CommonQueueOptions): AnyQueue {
  if (backend.kind === 'redis')
    return new Queue(name, { ...options, connection: backend.connection, prefix: backend.prefix });
  return new Queue(
    name,
    { ...options, connection: postgresBackendConnection(backend) },
    createPostgresBackend,
  ) as AnyQueue;
}

export function createWorker(
  name: string,
  processor: BullProcessor,
  backend: QueueBackend,
  options: CommonWorkerOptions,
): AnyWorker {
  if (backend.kind === 'redis')
    return new Worker(name, processor, { ...options, connection: backend.connection, prefix: backend.prefix });
  return new Worker(
    name,
    processor,
    { ...options, connection: postgresBackendConnection(backend) },
    createPostgresBackend,
  ) as AnyWorker;
}

/**
 * BullMQ's own tables (schema `bullmq`) are created on first connect; BullMQ serialises concurrent starters with
 * an advisory lock, so many processes booting at once migrate exactly once.
 */
function postgresBackendConnection(backend: Extract<QueueBackend, { kind: 'postgres' }>) {
  return { ...postgresConnection(backend.connectionString, backend.ca), max: postgresPoolSize, migrate: true };
}
