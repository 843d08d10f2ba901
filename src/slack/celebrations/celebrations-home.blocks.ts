import type { KnownBlock } from '@slack/types';
import type { CelebrationsHomeSummary } from '../../domain/celebrations/home-summary.ts';
import { isMilestone } from '../../domain/celebrations/occasions.ts';
import type { CelebrationProfile } from '../../domain/celebrations/profiles.ts';
import { plural } from '../../domain/text/english.ts';
import { actions, button, divider, header, section } from '../platform/block-kit.ts';
import { describeDate, openDatesActionId } from './celebrations.blocks.ts';
export const openCelebrationSettingsActionId = 'celebrations_open_settings';
export const openImportActionId = 'celebrations_open_import';
export const togglePauseActionId = 'celebrations_toggle_pause';
export const askForDatesActionId = 'celebrations_ask_dates';

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const visibilityText = { channel: 'celebrated in the channel', dm: 'just you, by DM', none: 'not celebrated' };
const ruleText = { friday: 'the Friday before', monday: 'the Monday after', keep: 'the same day' };

function mine(profile: CelebrationProfile | undefined): string {
  const birthday = profile?.birthday
    ? `${months[profile.birthday.month - 1]} ${profile.birthday.day} · ${visibilityText[profile.birthdayVisibility]}`
    : 'Not added';
  const start = profile?.startDate
    ? `${profile.startDate} · ${visibilityText[profile.anniversaryVisibility]}`
    : 'Not added';
  return `*Your birthday*\n${birthday}\n*Your start date*\n${start}`;
}

/** The Home tab's celebrations section: your own dates for everyone, and for admins the controls and what's coming. */
export function celebrationsHomeBlocks(summary: CelebrationsHomeSummary): KnownBlock[] {
  const blocks: KnownBlock[] = [
    divider(),
    header('Celebrations'),
    section(
      mine(summary.profile),
      button({
        text: summary.profile?.birthday || summary.profile?.startDate ? 'Edit my dates' : 'Add my dates',
        actionId: openDatesActionId,
      }),
    ),
  ];
  const admin = summary.admin;
  if (!admin) return blocks;
  const s = admin.settings;
  const status = s.paused ? ':double_vertical_bar: *Paused*' : ':white_check_mark: *Active*';
  const channel = s.channelId ? `<#${s.channelId}>` : '_no channel set: only DMs go out_';
  const digest = s.digestChannelId ? `weekly digest in <#${s.digestChannelId}>` : 'no weekly digest';
  blocks.push(
    section(
      `*Celebrations admin* — ${status}\nPosting in ${channel} at ${String(s.postHour).padStart(2, '0')}:00 in each person's time zone; weekend dates move to ${ruleText[s.weekendRule]}; ${digest}.`,
    ),
  );
  if (admin.waitingForChannel > 0) {
    blocks.push(
      section(
        `:hourglass_flowing_sand: *${plural(admin.waitingForChannel, 'celebration')} waiting for a channel.* People asked to be celebrated in the channel, but none is set, so nothing is posted for them. Choose one in the celebration settings.`,
        button({ text: 'Choose a channel', actionId: openCelebrationSettingsActionId, style: 'primary' }),
      ),
    );
  }
  const lines = admin.upcoming.slice(0, 40).map((o) => {
    const what =
      o.kind === 'birthday'
        ? 'birthday'
        : `${plural(o.years ?? 0, 'year')}${isMilestone(o.years ?? 0) ? ' :trophy:' : ''}`;
    return `• ${describeDate(o.observed)} — <@${o.userId}>, ${what}`;
  });
  if (admin.upcoming.length > 40) lines.push(`…and ${admin.upcoming.length - 40} more.`);
  const hidden = admin.privateCount
    ? `\n_Plus ${plural(admin.privateCount, 'private one')} (DM only), not listed._`
    : '';
  blocks.push(
    section(
      `*Upcoming in the next 30 days*\n${lines.length ? lines.join('\n') : 'Nothing public coming up.'}${hidden}`.slice(
        0,
        3000,
      ),
    ),
  );
  blocks.push(
    actions([
      button({ text: 'Celebration settings', actionId: openCelebrationSettingsActionId }),
      button({
        text: s.paused ? 'Resume celebrations' : 'Pause celebrations',
        actionId: togglePauseActionId,
        value: s.paused ? 'resume' : 'pause',
      }),
      button({ text: 'Import dates (CSV)', actionId: openImportActionId }),
      button({ text: 'Ask everyone for dates', actionId: askForDatesActionId }),
    ]),
  );
  return blocks;
}
