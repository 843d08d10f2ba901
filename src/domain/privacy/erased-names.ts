/** Names shorter than this are too likely to be part of other words to scrub from free text. */
const shortestScrubbedName = 3;

/** The names and email a person went by, to scrub from what others wrote about them when they are erased. */
export function erasedNamesOf(member: {
  name: string;
  display_name: string;
  real_name: string;
  email: string | null;
}): string[] {
  const names = [member.real_name, member.display_name, member.name, member.email ?? ''].map((n) => n.trim());
  return [...new Set(names.filter((n) => n.length >= shortestScrubbedName))];
}
