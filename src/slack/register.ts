import type { ListenerDeps } from './listener-deps.ts';
import { registerAppHome } from './listeners/app-home.ts';
import { registerCelebrateCommand } from './listeners/celebrate-command.ts';
import { registerCelebrationDates } from './listeners/celebration-dates.ts';
import { registerCoffeeCommand } from './listeners/coffee.ts';
import { registerDirectory } from './listeners/directory.ts';
import { registerNudgeCommand } from './listeners/help.ts';
import { registerKudosCommand } from './listeners/kudos-command.ts';
import { registerKudosModal } from './listeners/kudos-modal.ts';
import { registerKudosReactions } from './listeners/kudos-reactions.ts';
import { registerLifecycle } from './listeners/lifecycle.ts';
import { registerPairingActions } from './listeners/pairing-actions.ts';
import { registerPairingApproval } from './listeners/pairing-approval.ts';
import { registerPairingHome } from './listeners/pairing-home.ts';
import { registerPairingTeams } from './listeners/pairing-teams.ts';
import { registerSettings } from './listeners/settings.ts';
import type { SlackSurface } from './surface.ts';

/** Every listener Nudge has; manifest.yml must declare exactly what these register. */
export function registerListeners(surface: SlackSurface, deps: ListenerDeps): void {
  registerNudgeCommand(surface, deps);
  registerKudosCommand(surface, deps);
  registerKudosReactions(surface, deps);
  registerKudosModal(surface, deps);
  registerSettings(surface, deps);
  registerCoffeeCommand(surface, deps);
  registerPairingActions(surface, deps);
  registerPairingApproval(surface, deps);
  registerPairingHome(surface, deps);
  registerPairingTeams(surface, deps);
  registerCelebrateCommand(surface, deps);
  registerCelebrationDates(surface, deps);
  registerAppHome(surface, deps);
  registerLifecycle(surface, deps);
  registerDirectory(surface, deps);
}
