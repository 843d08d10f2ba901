/** Control characters (NUL and friends, but not tab or line breaks): Postgres refuses NUL, and no title needs them. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point.
const controlCharacters = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function hasControlCharacters(text: string): boolean {
  return controlCharacters.test(text);
}
