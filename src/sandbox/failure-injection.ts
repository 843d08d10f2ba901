import type { InjectedFailure } from './types.ts';

/** Injected failures wait in order; each applies to the next `times` calls matching its method (and team). */
export class FailureQueue {
  #pending: Array<{ failure: InjectedFailure; remaining: number }> = [];

  add(failure: InjectedFailure): void {
    const times = failure.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new Error('sandbox.inject: times must be a positive integer');
    this.#pending.push({ failure, remaining: times });
  }

  take(method: string, teamId: string | undefined): InjectedFailure | undefined {
    const index = this.#pending.findIndex(
      ({ failure }) => failure.method === method && (failure.teamId === undefined || failure.teamId === teamId),
    );
    if (index < 0) return undefined;
    const entry = this.#pending[index]!;
    entry.remaining -= 1;
    if (entry.remaining === 0) this.#pending.splice(index, 1);
    return entry.failure;
  }

  clear(): void {
    this.#pending = [];
  }
}
