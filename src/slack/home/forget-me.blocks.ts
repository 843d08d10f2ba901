import type { ModalView } from '@slack/types';
import { context, plainText, section } from '../platform/block-kit.ts';

/** `/nudge forget-me`: the confirmation that says exactly what happens, and the answers after it. */

export const forgetMeCallbackId = 'privacy_forget_me';

export function forgetMeModal(): ModalView {
  return {
    type: 'modal',
    callback_id: forgetMeCallbackId,
    title: plainText('Forget me'),
    submit: plainText('Forget me'),
    close: plainText('Cancel'),
    blocks: [
      section('*Nudge will forget you in this workspace. This cannot be undone.*'),
      section(
        '*Erased:* your profile as Nudge saw it (name, email, title, time zone, team), your birthday and start date, ' +
          'your programme memberships and pauses, the people you blocked and anyone who blocked you, your coffee ' +
          'check-in answers, your mentorship sign-up, goals, skills, check-ins and feedback, and your place on the ' +
          'kudos leaderboards.',
      ),
      section(
        '*Kept, without you in it:* kudos you gave still count for the people you thanked, and kudos, pairings, ' +
          'mentorships and celebrations you were part of stay in other people’s history, credited to ' +
          '_a former colleague_. Your mentions and your name in what others wrote become _a former colleague_.',
      ),
      section(
        '*From now on:* you are left out of every round, programme, celebration and leaderboard, and Nudge will not ' +
          'store you again, even when the directory syncs. Messages already posted in Slack stay; delete them in ' +
          'Slack if you want them gone.',
      ),
      context(
        'It is done within a few minutes. Nudge sends no message when it is done: that message would be stored about you.',
      ),
    ],
  };
}

export function forgetMeDoneView(text: string): ModalView {
  return { type: 'modal', title: plainText('Forget me'), close: plainText('Done'), blocks: [section(text)] };
}

export const forgetMeQueuedText =
  ':white_check_mark: Nudge is forgetting you now; it is done within a few minutes. You will not get a message when it ' +
  'is done, because that message would itself be stored about you.';

export function alreadyForgottenText(): string {
  return 'Nudge has already forgotten you in this workspace: there is nothing left to erase.';
}
