import { plural } from '../domain/text/english.ts';

/** What the sandbox's round control reports for one programme once its round is matched. */
export function roundMatchedLine(input: { where: string; number: number; groups: number; awaitingApproval: boolean }) {
  const matched = `${input.where}: round ${input.number} matched ${plural(input.groups, 'group')}`;
  return input.awaitingApproval
    ? `${matched} and awaits approval (DM to the programme’s creator).`
    : `${matched}; intros are going out by group DM now.`;
}

/** What the sandbox's check-in control reports for one programme as the check-in goes out. */
export function checkinLine(input: { where: string; number: number; groups: number }) {
  return `${input.where}: “Did you meet?” is going to the ${plural(input.groups, 'group')} of round ${input.number}.`;
}
