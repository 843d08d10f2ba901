import type {
  App,
  Middleware,
  SlackAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackShortcut,
  SlackShortcutMiddlewareArgs,
  SlackViewAction,
  SlackViewMiddlewareArgs,
} from '@slack/bolt';

export type SurfaceKind = 'command' | 'event' | 'action' | 'view' | 'shortcut';

export interface RegisteredListener {
  kind: SurfaceKind;
  name: string;
  /** The handler's function name, which stack traces show. */
  handler: string;
}

export type CommandHandler = Middleware<SlackCommandMiddlewareArgs>;
export type EventHandler<EventType extends string = string> = Middleware<SlackEventMiddlewareArgs<EventType>>;
export type ActionHandler<Action extends SlackAction = SlackAction> = Middleware<SlackActionMiddlewareArgs<Action>>;
export type ViewHandler<ViewAction extends SlackViewAction = SlackViewAction> = Middleware<
  SlackViewMiddlewareArgs<ViewAction>
>;
export type ShortcutHandler<Shortcut extends SlackShortcut = SlackShortcut> = Middleware<
  SlackShortcutMiddlewareArgs<Shortcut>
>;

/**
 * A family of action ids matched by one pattern, with one id of the family to stand for it in the registry
 * (tests send it to reach the handler).
 */
export interface ActionIdPattern {
  pattern: RegExp;
  example: string;
}

/**
 * Where listeners register what they answer. Each method hands the handler to Bolt and records the
 * registration in the same call, so the registry that tests hold manifest.yml against cannot miss a listener.
 * Handlers must be named functions (`const handleX = async (…) => …` or `async function handleX`): an inline
 * anonymous arrow is refused at registration, so every stack trace out of a listener says which one it was.
 */
export class SlackSurface {
  readonly #app: App;
  readonly registered: RegisteredListener[] = [];

  constructor(app: App) {
    this.#app = app;
  }

  command(commandName: string, handler: CommandHandler): void {
    this.#record('command', commandName, handler);
    this.#app.command(commandName, handler);
  }

  event<EventType extends string>(eventName: EventType, handler: EventHandler<EventType>): void {
    this.#record('event', eventName, handler);
    this.#app.event(eventName, handler);
  }

  action<Action extends SlackAction = SlackAction>(
    actionId: string | ActionIdPattern,
    handler: ActionHandler<Action>,
  ): void {
    if (typeof actionId === 'string') {
      this.#record('action', actionId, handler);
      this.#app.action<Action>(actionId, handler);
      return;
    }
    if (!actionId.pattern.test(actionId.example)) {
      throw new Error(`${actionId.example} does not match the action id pattern ${actionId.pattern}`);
    }
    this.#record('action', actionId.example, handler);
    this.#app.action<Action>(actionId.pattern, handler);
  }

  view<ViewAction extends SlackViewAction = SlackViewAction>(
    callbackId: string,
    handler: ViewHandler<ViewAction>,
  ): void {
    this.#record('view', callbackId, handler);
    this.#app.view<ViewAction>(callbackId, handler);
  }

  shortcut<Shortcut extends SlackShortcut = SlackShortcut>(
    callbackId: string,
    handler: ShortcutHandler<Shortcut>,
  ): void {
    this.#record('shortcut', callbackId, handler);
    this.#app.shortcut<Shortcut>(callbackId, handler);
  }

  #record(kind: SurfaceKind, name: string, handler: { name: string }): void {
    if (!handler.name) throw new Error(`The ${kind} ${name} needs a named handler function, not an inline arrow.`);
    this.registered.push({ kind, name, handler: handler.name });
  }
}
