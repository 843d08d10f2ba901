import type { ListenerDeps } from './listener-deps.ts';
import { registerAppHome } from './listeners/app-home.ts';
import { registerDirectory } from './listeners/directory.ts';
import { registerNudgeCommand } from './listeners/help.ts';
import { registerLifecycle } from './listeners/lifecycle.ts';
import type { SlackSurface } from './surface.ts';

/** Every listener Nudge has; manifest.yml must declare exactly what these register. */
export function registerListeners(surface: SlackSurface, deps: ListenerDeps): void {
  registerNudgeCommand(surface, deps);
  registerAppHome(surface, deps);
  registerLifecycle(surface, deps);
  registerDirectory(surface, deps);
}
