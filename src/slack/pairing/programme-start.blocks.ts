import type { KnownBlock } from '@slack/types';
import type { ProgrammeKind } from '../../db/schema-pairing.ts';
import type { TeamsAtStart } from '../../domain/pairing/programmes.ts';
import { withArticle } from '../../domain/text/english.ts';
import { escapeMrkdwn } from '../home/help.blocks.ts';
import { actions, button, type SlackMessage, section } from '../platform/block-kit.ts';
import { openTeamsActionId } from './pairing-teams.blocks.ts';
/** What the person who started a programme is told (ephemeral): for a cross-team one, where its teams come from. */
export function programmeStartedMessage(input: { kind: ProgrammeKind; teams?: TeamsAtStart }): SlackMessage {
  const started = `:coffee: Started ${withArticle(input.kind.replace('-', ' '))} programme in this channel. Everyone here takes part, and Nudge is telling the channel how it works and when the first round is. \`/coffee run\` pairs now.`;
  const blocks: KnownBlock[] = [section(started)];
  let teamsText = '';
  switch (input.teams?.source) {
    case 'profile_field':
      teamsText = `*Teams:* from the Slack profile field *${escapeMrkdwn(input.teams.label)}*, so nobody is introduced to their own team. \`/coffee settings\` changes where teams come from.`;
      break;
    case 'directory':
      teamsText = `*Teams:* from Nudge’s directory (${input.teams.people} ${input.teams.people === 1 ? 'person has' : 'people have'} one). \`/coffee settings\` changes where teams come from.`;
      break;
    case 'none':
      teamsText =
        '*No team data:* Slack profiles have no Team field and Nudge’s directory has no teams, so this programme cannot tell teams apart yet: intros may pair teammates, and its statistics say “no team data” until teams are set.';
      break;
    case undefined:
      break;
  }
  if (teamsText) blocks.push(section(teamsText));
  if (input.teams?.source === 'none')
    blocks.push(
      actions(
        [button({ text: 'Set people’s teams', actionId: openTeamsActionId, style: 'primary' })],
        'coffee_start_teams',
      ),
    );
  return { text: teamsText ? `${started}\n${teamsText}` : started, blocks };
}
