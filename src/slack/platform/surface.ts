import type { App } from '@slack/bolt';

export type SurfaceKind = 'command' | 'event' | 'action' | 'view' | 'shortcut';

export interface RegisteredListener {
  kind: SurfaceKind;
  name: string;
}

/**
 * Records what the app listens to as listeners register, so a test can hold manifest.yml and the code to
 * each other in both directions.
 */
export class SlackSurface {
  readonly app: App;
  readonly registered: RegisteredListener[] = [];

  constructor(app: App) {
    this.app = app;
  }

  record(kind: SurfaceKind, name: string): void {
    this.registered.push({ kind, name });
  }
}
