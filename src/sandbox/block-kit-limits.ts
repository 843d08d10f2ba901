/**
 * Block Kit limits Slack enforces on messages and views (docs.slack.dev/reference/block-kit, and the
 * @slack/types block definitions). Problems are reported in Slack's own message format,
 * "[ERROR] must be less than 51 items [json-pointer:/blocks]", which @slack/web-api logs from
 * `response_metadata.messages`. Error names, chosen from what Slack returns for these cases:
 * - messages (chat.postMessage / postEphemeral / update, response_url): `invalid_blocks`, or
 *   `invalid_blocks_format` when `blocks` is not a JSON array, or `msg_blocks_too_long` (see below);
 * - views (views.open / push / update / publish): `invalid_arguments` with the problems in
 *   response_metadata.messages (the only validation error the views.* reference documents), or
 *   `view_too_large` above 250 kB.
 */

export const MESSAGE_MAX_BLOCKS = 50;
export const VIEW_MAX_BLOCKS = 100;
/**
 * Slack rejects messages whose blocks hold too much text with `msg_blocks_too_long` at an undocumented size;
 * reports put it around 12,000 characters (bolt-js issues 2509, 2867). We use 12,000 so a message that fits
 * here is not obviously too big for Slack.
 */
export const MESSAGE_MAX_BLOCK_TEXT = 12_000;
export const VIEW_MAX_BYTES = 250_000;

/**
 * Whether an image's `slack_file` names a file the poster may show: an image (png, jpg, jpeg or gif) of this workspace,
 * uploaded and completed, that the app can access. Slack refuses anything else with "invalid slack file" (its
 * slack_file reference and the errors @slack/web-api users report); without a lookup, only the shape is checked.
 */
export type SlackFileLookup = (ref: { id?: string; url?: string }) => boolean;

const LIMITS = {
  sectionText: 3000,
  fieldText: 2000,
  fields: 10,
  headerText: 150,
  actionsElements: 25,
  contextElements: 10,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  id: 255,
  markdownText: 12_000,
  inputLabel: 2000,
  placeholder: 150,
  options: 100,
  optionText: 75,
  optionValue: 150,
  viewTitle: 24,
  privateMetadata: 3000,
  callbackId: 255,
  externalId: 255,
  altText: 2000,
  imageTitle: 2000,
} as const;

/** Slack's own pattern for `slack_file.id`, from its invalid_blocks answers. */
const SLACK_FILE_ID = /^F[A-Z0-9]{8,}$/;

type Json = Record<string, unknown>;

function problem(message: string, pointer: string): string {
  return `[ERROR] ${message} [json-pointer:${pointer}]`;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textOf(value: unknown): string | undefined {
  return isObject(value) && typeof value.text === 'string' ? value.text : undefined;
}

class Checker {
  readonly problems: string[] = [];
  textChars = 0;

  readonly files: SlackFileLookup | undefined;

  constructor(files?: SlackFileLookup) {
    this.files = files;
  }

  /** An image block or element: alt text, and exactly one source, `image_url` or an accessible `slack_file`. */
  image(image: Json, pointer: string): void {
    if (typeof image.alt_text !== 'string' || image.alt_text === '') {
      this.problems.push(problem('missing required field: alt_text', `${pointer}/alt_text`));
    }
    this.maxLength(image.alt_text, LIMITS.altText, `${pointer}/alt_text`);
    const hasUrl = image.image_url !== undefined;
    const hasFile = image.slack_file !== undefined;
    if (hasUrl === hasFile) {
      this.problems.push(problem('must provide either image_url or slack_file', pointer));
      return;
    }
    if (hasUrl) {
      this.maxLength(image.image_url, LIMITS.url, `${pointer}/image_url`);
      return;
    }
    const file = image.slack_file;
    const at = `${pointer}/slack_file`;
    if (!isObject(file) || (file.id === undefined) === (file.url === undefined)) {
      this.problems.push(problem('must provide either url or id', at));
      return;
    }
    if (file.id !== undefined && (typeof file.id !== 'string' || !SLACK_FILE_ID.test(file.id))) {
      this.problems.push(problem('input must match regex pattern: ^[F][A-Z0-9]{8,}$', `${at}/id`));
      return;
    }
    if (file.url !== undefined && typeof file.url !== 'string') {
      this.problems.push(problem('must be a string', `${at}/url`));
      return;
    }
    const ref = typeof file.id === 'string' ? { id: file.id } : { url: file.url as string };
    if (this.files && !this.files(ref)) this.problems.push(problem('invalid slack file', at));
  }

  maxLength(value: unknown, max: number, pointer: string): void {
    if (typeof value === 'string' && value.length > max) {
      this.problems.push(problem(`must be less than ${max + 1} characters`, pointer));
    }
  }

  maxItems(value: unknown, max: number, pointer: string): void {
    if (Array.isArray(value) && value.length > max) {
      this.problems.push(problem(`must be less than ${max + 1} items`, pointer));
    }
  }

  textObject(value: unknown, max: number, pointer: string, options: { required?: boolean; plain?: boolean } = {}) {
    if (value === undefined) {
      if (options.required) this.problems.push(problem('missing required field: text', pointer));
      return;
    }
    const text = textOf(value);
    if (!isObject(value) || text === undefined) {
      this.problems.push(problem('must be a text object', pointer));
      return;
    }
    if (options.plain && value.type !== 'plain_text') {
      this.problems.push(problem('must be a plain_text object', `${pointer}/type`));
    }
    if (text.length === 0) this.problems.push(problem('must be more than 0 characters', `${pointer}/text`));
    this.maxLength(text, max, `${pointer}/text`);
    this.textChars += text.length;
  }

  element(element: unknown, pointer: string): void {
    if (!isObject(element)) {
      this.problems.push(problem('must be an object', pointer));
      return;
    }
    this.maxLength(element.action_id, LIMITS.id, `${pointer}/action_id`);
    switch (element.type) {
      case 'image':
        this.image(element, pointer);
        break;
      case 'button':
        this.textObject(element.text, LIMITS.buttonText, `${pointer}/text`, { required: true, plain: true });
        this.maxLength(element.value, LIMITS.buttonValue, `${pointer}/value`);
        this.maxLength(element.url, LIMITS.url, `${pointer}/url`);
        break;
      case 'static_select':
      case 'multi_static_select':
      case 'overflow':
      case 'radio_buttons':
      case 'checkboxes':
        this.maxItems(element.options, LIMITS.options, `${pointer}/options`);
        if (Array.isArray(element.options)) {
          element.options.forEach((option, index) => {
            const at = `${pointer}/options/${index}`;
            if (!isObject(option)) return;
            this.textObject(option.text, LIMITS.optionText, `${at}/text`, { required: true });
            this.maxLength(option.value, LIMITS.optionValue, `${at}/value`);
          });
        }
        if (element.placeholder !== undefined) {
          this.textObject(element.placeholder, LIMITS.placeholder, `${pointer}/placeholder`, { plain: true });
        }
        break;
      default:
        if (element.placeholder !== undefined) {
          this.textObject(element.placeholder, LIMITS.placeholder, `${pointer}/placeholder`, { plain: true });
        }
    }
  }

  block(block: unknown, pointer: string, blockIds: Set<string>): void {
    if (!isObject(block)) {
      this.problems.push(problem('must be an object', pointer));
      return;
    }
    if (typeof block.type !== 'string') {
      this.problems.push(problem('missing required field: type', pointer));
      return;
    }
    if (typeof block.block_id === 'string') {
      this.maxLength(block.block_id, LIMITS.id, `${pointer}/block_id`);
      if (blockIds.has(block.block_id)) {
        this.problems.push(problem(`duplicate block_id: ${block.block_id}`, `${pointer}/block_id`));
      }
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case 'section':
        if (block.text === undefined && block.fields === undefined) {
          this.problems.push(problem('must provide either text or fields', pointer));
        }
        this.textObject(block.text, LIMITS.sectionText, `${pointer}/text`);
        this.maxItems(block.fields, LIMITS.fields, `${pointer}/fields`);
        if (Array.isArray(block.fields)) {
          block.fields.forEach((field, index) => {
            this.textObject(field, LIMITS.fieldText, `${pointer}/fields/${index}`, { required: true });
          });
        }
        if (block.accessory !== undefined) this.element(block.accessory, `${pointer}/accessory`);
        break;
      case 'header':
        this.textObject(block.text, LIMITS.headerText, `${pointer}/text`, { required: true, plain: true });
        break;
      case 'actions':
        if (!Array.isArray(block.elements) || block.elements.length === 0) {
          this.problems.push(problem('must provide at least 1 element', `${pointer}/elements`));
          break;
        }
        this.maxItems(block.elements, LIMITS.actionsElements, `${pointer}/elements`);
        block.elements.forEach((element, index) => {
          this.element(element, `${pointer}/elements/${index}`);
        });
        break;
      case 'context':
        this.maxItems(block.elements, LIMITS.contextElements, `${pointer}/elements`);
        if (Array.isArray(block.elements)) {
          for (const element of block.elements) this.textChars += textOf(element)?.length ?? 0;
        }
        break;
      case 'input':
        this.textObject(block.label, LIMITS.inputLabel, `${pointer}/label`, { required: true, plain: true });
        this.element(block.element, `${pointer}/element`);
        break;
      case 'markdown':
        this.maxLength(block.text, LIMITS.markdownText, `${pointer}/text`);
        if (typeof block.text === 'string') this.textChars += block.text.length;
        break;
      case 'image':
        this.image(block, pointer);
        if (block.title !== undefined) {
          this.textObject(block.title, LIMITS.imageTitle, `${pointer}/title`, { plain: true });
        }
        break;
      case 'divider':
      case 'rich_text':
      case 'file':
      case 'video':
      case 'table':
        break;
      default:
        this.problems.push(problem(`unsupported type: ${block.type}`, `${pointer}/type`));
    }
  }

  blocks(blocks: unknown[], pointer: string, max: number): void {
    this.maxItems(blocks, max, pointer);
    const blockIds = new Set<string>();
    blocks.forEach((block, index) => {
      this.block(block, `${pointer}/${index}`, blockIds);
    });
  }
}

export type BlocksCheck = { ok: true } | { ok: false; error: string; messages: string[] };

/** For message `blocks` after JSON decoding (undefined = no blocks given). */
export function checkMessageBlocks(blocks: unknown, files?: SlackFileLookup): BlocksCheck {
  if (blocks === undefined) return { ok: true };
  if (!Array.isArray(blocks)) {
    return { ok: false, error: 'invalid_blocks_format', messages: [problem('must be an array', '/blocks')] };
  }
  const checker = new Checker(files);
  checker.blocks(blocks, '/blocks', MESSAGE_MAX_BLOCKS);
  if (checker.problems.length > 0) return { ok: false, error: 'invalid_blocks', messages: checker.problems };
  if (checker.textChars > MESSAGE_MAX_BLOCK_TEXT) {
    return { ok: false, error: 'msg_blocks_too_long', messages: [problem('blocks text too long', '/blocks')] };
  }
  return { ok: true };
}

/** For a view after JSON decoding; `allowedTypes` is 'home' for views.publish, 'modal' for views.open/push. */
export function checkView(view: unknown, allowedTypes: ReadonlyArray<string>, files?: SlackFileLookup): BlocksCheck {
  if (!isObject(view)) {
    return { ok: false, error: 'invalid_arguments', messages: [problem('must be an object', '/view')] };
  }
  if (JSON.stringify(view).length > VIEW_MAX_BYTES) return { ok: false, error: 'view_too_large', messages: [] };
  const checker = new Checker(files);
  if (typeof view.type !== 'string' || !allowedTypes.includes(view.type)) {
    checker.problems.push(problem(`must be one of: ${allowedTypes.join(', ')}`, '/view/type'));
  }
  if (view.type === 'modal') {
    checker.textObject(view.title, LIMITS.viewTitle, '/view/title', { required: true, plain: true });
    const hasInput =
      Array.isArray(view.blocks) && view.blocks.some((block) => isObject(block) && block.type === 'input');
    if (hasInput && view.submit === undefined) {
      checker.problems.push(problem('submit is required when an input block is present', '/view/submit'));
    }
  }
  if (view.submit !== undefined) checker.textObject(view.submit, LIMITS.viewTitle, '/view/submit', { plain: true });
  if (view.close !== undefined) checker.textObject(view.close, LIMITS.viewTitle, '/view/close', { plain: true });
  checker.maxLength(view.private_metadata, LIMITS.privateMetadata, '/view/private_metadata');
  checker.maxLength(view.callback_id, LIMITS.callbackId, '/view/callback_id');
  checker.maxLength(view.external_id, LIMITS.externalId, '/view/external_id');
  if (!Array.isArray(view.blocks)) {
    checker.problems.push(problem('missing required field: blocks', '/view/blocks'));
  } else {
    checker.blocks(view.blocks, '/view/blocks', VIEW_MAX_BLOCKS);
  }
  if (checker.problems.length > 0) return { ok: false, error: 'invalid_arguments', messages: checker.problems };
  return { ok: true };
}
