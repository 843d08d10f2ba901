/** Time as a dependency: rules receive `now` as data, and tests can hold or move it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
