import { celebrationsHomeSummary } from '../../src/domain/celebrations/home-summary.ts';
import { findMember } from '../../src/domain/directory/find-members.ts';
import { saveMembers } from '../../src/domain/directory/save-members.ts';
import type { SlackUserObject } from '../../src/domain/directory/slack-user.ts';
import { homeNetwork } from '../../src/domain/insights/home-network.ts';
import { keepInTouchOverview } from '../../src/domain/keep-in-touch/contacts.ts';
import { isNudgeAdmin } from '../../src/domain/kudos/admins.ts';
import { kudosHomeSummary } from '../../src/domain/kudos/home-summary.ts';
import { loadKudosSettings } from '../../src/domain/kudos/settings.ts';
import { learningHomeSummary } from '../../src/domain/learning/home-summary.ts';
import { ownSkillProfile } from '../../src/domain/learning/skill-profile.ts';
import { mentorshipHomeSummary } from '../../src/domain/mentorship/home-summary.ts';
import { pairingHomeSummary } from '../../src/domain/pairing/home-summary.ts';
import { findWorkspace } from '../../src/domain/workspaces/find-workspace.ts';
import { homeView } from '../../src/slack/home/home.blocks.ts';
import { programmeChannelsOf } from '../pairing-home-membership.ts';
import type { Processor } from '../processor.ts';

export const processHomePublish: Processor<'home.publish'> = async (data, { deps }) => {
  // Queued first, so a Home that fails to publish does not hold the welcome back.
  if (data.welcome)
    await deps.queues.enqueue('onboarding.welcome', { workspaceId: data.workspaceId, userId: data.userId });
  const workspace = await findWorkspace(deps.db, data.workspaceId);
  let member = await findMember(deps.db, data.workspaceId, data.userId);
  if (!member) {
    // Someone can open the Home tab before the first directory sync reaches them: fetch just them.
    const info = await deps.sender.call<{ user?: SlackUserObject }>(data.workspaceId, 'users.info', {
      user: data.userId,
    });
    if (info.user) {
      await saveMembers(deps.db, { workspaceId: data.workspaceId, users: [info.user], now: deps.clock.now() });
      member = await findMember(deps.db, data.workspaceId, data.userId);
    }
  }
  const settings = await loadKudosSettings(deps.db, data.workspaceId);
  const isAdmin = isNudgeAdmin(member, settings);
  const kudos = await kudosHomeSummary(deps.db, {
    workspaceId: data.workspaceId,
    userId: data.userId,
    now: deps.clock.now(),
    settings,
    isAdmin,
  });
  const pairing = await pairingHomeSummary(deps.db, {
    workspaceId: data.workspaceId,
    userId: data.userId,
    isAdmin,
    memberOf: await programmeChannelsOf(deps, data.workspaceId, data.userId),
  });
  const celebrations = await celebrationsHomeSummary(deps.db, {
    workspaceId: data.workspaceId,
    userId: data.userId,
    isAdmin,
    now: deps.clock.now(),
  });
  const mentorship = await mentorshipHomeSummary(deps.db, {
    workspaceId: data.workspaceId,
    userId: data.userId,
    isAdmin,
    now: deps.clock.now(),
  });
  const skills = await ownSkillProfile(deps.db, data.workspaceId, data.userId);
  const network = member
    ? await homeNetwork(deps.db, {
        workspaceId: data.workspaceId,
        userId: data.userId,
        now: deps.clock.now(),
        timeZone: member.time_zone,
      })
    : undefined;
  if (network?.pictureHash && !network.pictureFileId) {
    // Drawing and uploading may take seconds: the tab goes out now, and again once the picture is there.
    await deps.queues
      .enqueue('insights.home-picture', {
        workspaceId: data.workspaceId,
        userId: data.userId,
        hash: network.pictureHash,
      })
      .catch((err: unknown) => deps.logger.warn({ err }, 'Home picture not queued'));
  }
  const keepInTouch = await keepInTouchOverview(deps.db, { workspaceId: data.workspaceId, userId: data.userId });
  const learningRequests = await learningHomeSummary(deps.db, {
    workspaceId: data.workspaceId,
    userId: data.userId,
    now: deps.clock.now(),
  });
  const view = homeView({
    userId: data.userId,
    displayName: member?.display_name || member?.real_name || undefined,
    workspaceName: workspace?.name || undefined,
    timeZone: member?.time_zone,
    kudos,
    celebrations,
    pairing,
    mentorship,
    skills,
    network,
    keepInTouch,
    learningRequests,
    isAdmin,
  });
  await deps.sender.publishHome(data.workspaceId, data.userId, view);
  return { published: true };
};
