import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import {
  maxProfileSkills,
  publicSkillList,
  type SkillListName,
  skillListLabels,
  skillListNames,
} from '../../domain/learning/skill-lists.ts';
import type { SkillProfile } from '../../domain/learning/skill-profile.ts';
import { splitSkillsByList } from '../../domain/mentorship/signup-skills.ts';
import { escapeMrkdwn } from '../home/help.blocks.ts';
import { button, context, header, input, option, plainText, section } from '../platform/block-kit.ts';

/** A person's skills profile: the edit form, what it shows once saved, and the Home tab's section. */

export const openSkillsProfileActionId = 'learning_skills_open';
export const skillsProfileCallbackId = 'learning_skills_profile';

/** The menu and the free-text field of each list. */
export const skillsProfileBlocks = Object.fromEntries(
  skillListNames.map((list) => [
    list,
    {
      menu: { block: `learning_skills_${list}`, action: 'skills' },
      other: { block: `learning_skills_${list}_other`, action: 'skills_other' },
    },
  ]),
) as Record<SkillListName, { menu: { block: string; action: string }; other: { block: string; action: string } }>;

/** An option's text holds 75 characters; a skill may be up to 100. */
const optionText = (skill: string) => (skill.length > 75 ? `${skill.slice(0, 74)}…` : skill);

const hints: Record<SkillListName, string> = {
  ask_me_about: 'Colleagues can see this list, so they know what to ask you about.',
  can_mentor: 'Only you see this list.',
  want_to_learn: 'Only you see this list.',
  want_to_improve: 'Only you see this list.',
};

function listBlocks(list: SkillListName, menu: PlainTextOption[], saved: string[], menuSkills: string[]): KnownBlock[] {
  const ids = skillsProfileBlocks[list];
  const split = splitSkillsByList(saved, menuSkills);
  const chosen = menu.filter((o) => split.listed.includes(o.value ?? ''));
  const blocks: KnownBlock[] = [];
  if (menu.length > 0) {
    blocks.push(
      input(
        ids.menu.block,
        skillListLabels[list],
        {
          type: 'multi_static_select',
          action_id: ids.menu.action,
          placeholder: plainText('Search the workspace’s skills'),
          options: menu,
          max_selected_items: maxProfileSkills,
          ...(chosen.length > 0 ? { initial_options: chosen } : {}),
        },
        true,
      ),
    );
  }
  blocks.push({
    ...input(
      ids.other.block,
      menu.length > 0 ? `${skillListLabels[list]}: in your own words` : skillListLabels[list],
      {
        type: 'plain_text_input',
        action_id: ids.other.action,
        placeholder: plainText('Comma separated, e.g. Kubernetes, public speaking'),
        ...(split.other.length > 0 ? { initial_value: split.other.join(', ') } : {}),
      },
      true,
    ),
    hint: plainText(hints[list]),
  });
  return blocks;
}

/** The four lists, each a menu of the workspace's skills (when it has any) and a field for the person's own words. */
export function skillsProfileModal(input: { menu: string[]; profile: SkillProfile }): ModalView {
  const menu = input.menu.map((s) => option(optionText(s), s));
  return {
    type: 'modal',
    callback_id: skillsProfileCallbackId,
    title: plainText('Your skills'),
    submit: plainText('Save'),
    close: plainText('Cancel'),
    blocks: [
      section(
        `Up to ${maxProfileSkills} skills a list. Only *${skillListLabels[publicSkillList]}* is visible to colleagues; the other lists are yours alone.`,
      ),
      ...skillListNames.flatMap((list) => listBlocks(list, menu, input.profile[list], input.menu)),
    ],
  };
}

function profileLines(profile: SkillProfile): string {
  return skillListNames
    .map((list) => {
      const skills = profile[list];
      const privacy = list === publicSkillList ? '' : ' _(only you)_';
      return `*${skillListLabels[list]}*${privacy}: ${skills.length > 0 ? escapeMrkdwn(skills.join(', ')) : 'nothing yet'}`;
    })
    .join('\n')
    .slice(0, 3000);
}

export function skillsSavedView(profile: SkillProfile): ModalView {
  return {
    type: 'modal',
    title: plainText('Skills saved'),
    close: plainText('Done'),
    blocks: [
      section(`:white_check_mark: Your skills are saved.\n${profileLines(profile)}`.slice(0, 3000)),
      context('`/nudge skills` or the Edit button on your Home changes them.'),
    ],
  };
}

/** Two blocks: the Home keeps room for every other section under Slack's 100. */
export function skillsHomeBlocks(profile: SkillProfile): KnownBlock[] {
  const total = skillListNames.reduce((n, list) => n + profile[list].length, 0);
  const text =
    total === 0
      ? 'Tell colleagues what to ask you about, and keep track of what you want to learn. Only *Ask me about* is visible to others.'
      : profileLines(profile);
  return [
    header('Your skills'),
    section(text, button({ text: total === 0 ? 'Add skills' : 'Edit', actionId: openSkillsProfileActionId })),
  ];
}
