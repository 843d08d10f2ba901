/** Time as a dependency: rules receive `now` as data, and tests can hold or move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface AdjustableClock extends Clock {
  /** Moves this clock forward; real time keeps running underneath. */
  advance(millis: number): void;
}

/** Real time plus an offset: the sandbox's "advance the clock a day" moves Nudge's notion of now, nothing else. */
export function adjustableClock(): AdjustableClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance(millis) {
      offset += millis;
    },
  };
}

export function isAdjustable(clock: Clock): clock is AdjustableClock {
  return typeof (clock as Partial<AdjustableClock>).advance === 'function';
}
