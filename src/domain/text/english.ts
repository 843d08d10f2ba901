/**
 * A count with its noun in the right number: `plural(1, 'group')` is "1 group", `plural(2, 'group')` is
 * "2 groups", `plural(3, 'person', 'people')` is "3 people". Kudos is the same in both: `plural(n, 'kudos', 'kudos')`.
 */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The word that agrees with a count, without the count: `agree(n, 'is', 'are')`, `agree(n, 'has', 'have')`. */
export function agree(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

/** "a" or "an" before a word, by how it sounds in the common cases: `withArticle('exec lottery')` is "an exec lottery". */
export function withArticle(phrase: string): string {
  const an =
    /^(?:[aeio]|u(?!ni|s[eu]|ti)|hour|honest|honou?r)/i.test(phrase) || /^[AEFHILMNORSX](?:[A-Z0-9]|$)/.test(phrase);
  return `${an ? 'an' : 'a'} ${phrase}`;
}
