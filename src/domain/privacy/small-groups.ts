/**
 * The rule that keeps the figures admins see from speaking about anyone in particular: a figure built from fewer than
 * 5 people is hidden, and a breakdown never lets one shown figure be subtracted from another to count a group of 1 to
 * 4 people. Every admin figure goes through these functions; nothing else decides what is hidden.
 */

export const minGroupSize = 5;

/** Built from fewer than 5 people: shown as "fewer than 5". */
export const fewerThanFive = 'fewer than 5' as const;
/** Large enough, but showing it would let a group of fewer than 5 be counted by subtraction. */
export const withheld = 'withheld' as const;

export type Guarded<T> = T | typeof fewerThanFive | typeof withheld;

export function isShown<T>(figure: Guarded<T>): figure is T {
  return figure !== fewerThanFive && figure !== withheld;
}

/** `value` when it is built from at least 5 people, else the "fewer than 5" marker. */
export function guard<T>(people: number, value: T): Guarded<T> {
  return people >= minGroupSize ? value : fewerThanFive;
}

/** A count of people, shown only when it is at least 5. */
export function guardCount(people: number): Guarded<number> {
  return guard(people, people);
}

/** How a hidden figure is hidden: its own size decides, so a marker never misstates it. */
function hide(people: number): Guarded<number> {
  return people < minGroupSize ? fewerThanFive : withheld;
}

/**
 * A total and the parts it splits into (each person in exactly one part). Each part is guarded on its own; when the
 * hidden parts together hold 1 to 4 people, the total minus the shown parts would count them, so the smallest shown
 * parts are withheld as well until the hidden ones hold 0 or at least 5. A hidden or withheld total hides every part
 * (a total could otherwise be rebuilt from its parts).
 */
export function guardBreakdown<K extends string>(
  total: Guarded<number>,
  parts: Record<K, number>,
): Record<K, Guarded<number>> {
  const keys = Object.keys(parts) as K[];
  const out = {} as Record<K, Guarded<number>>;
  if (!isShown(total)) {
    for (const key of keys) out[key] = hide(parts[key]);
    return out;
  }
  let hiddenPeople = 0;
  for (const key of keys) {
    out[key] = guardCount(parts[key]);
    if (!isShown(out[key])) hiddenPeople += parts[key];
  }
  const shownSmallestFirst = keys.filter((key) => isShown(out[key])).sort((a, b) => parts[a] - parts[b]);
  while (hiddenPeople > 0 && hiddenPeople < minGroupSize) {
    const next = shownSmallestFirst.shift();
    if (next === undefined) break;
    out[next] = withheld;
    hiddenPeople += parts[next];
  }
  return out;
}

/**
 * The share of a shown total that has some property (pairs that met). A share tells how many have it and how many do
 * not, so both groups must hold at least 5: it is never shown as 0% or 100%, which would tell each person's answer.
 */
export function guardShare(total: Guarded<number>, part: number): Guarded<number> {
  if (!isShown(total) || total === 0) return hide(part);
  if (part < minGroupSize || total - part < minGroupSize) return fewerThanFive;
  return part / total;
}

/** The mean of people's answers (1–5), when at least 5 people answered. */
export function guardMean(people: number, sum: number, answers: number): Guarded<number> {
  return guard(people, answers > 0 ? sum / answers : 0);
}
