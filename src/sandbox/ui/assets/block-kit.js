// @ts-check
// Block Kit layout blocks drawn as DOM: header, section (text, fields, accessory), context, divider, actions,
// input (with the error the app returned for it), image (an uploaded file its reader may see, else its alt text),
// rich text, and legacy attachments.

import { renderElement, renderImageElement } from './block-elements.js';
import { h } from './dom.js';
import { emoji } from './emoji.js';
import { icon } from './icons.js';
import { plain, renderMrkdwn, renderTextObject, safeUrl } from './mrkdwn.js';
import { channelLabel, userLabel } from './names.js';
import { fileUrl } from './server.js';
import { ui } from './state.js';

/**
 * @typedef {import('./types.js').ActionsBlock} ActionsBlock
 * @typedef {import('./types.js').Attachment} Attachment
 * @typedef {import('./types.js').Block} Block
 * @typedef {import('./types.js').ContextBlock} ContextBlock
 * @typedef {import('./types.js').HeaderBlock} HeaderBlock
 * @typedef {import('./types.js').ImageBlock} ImageBlock
 * @typedef {import('./types.js').InputBlock} InputBlock
 * @typedef {import('./types.js').RenderContext} RenderContext
 * @typedef {import('./types.js').RichTextBlock} RichTextBlock
 * @typedef {import('./types.js').RichTextNode} RichTextNode
 * @typedef {import('./types.js').SectionBlock} SectionBlock
 */

/** @param {RichTextBlock} block */
function renderRichText(block) {
  const node = h('div', { class: 'bk-rich' });
  /**
   * @param {RichTextNode} element
   * @returns {Node}
   */
  const inline = (element) => {
    switch (element.type) {
      case 'text': {
        const style = typeof element.style === 'object' ? element.style : {};
        /** @type {Node} */
        let piece = document.createTextNode(element.text ?? '');
        if (style.code) piece = h('code', {}, piece);
        if (style.bold) piece = h('b', {}, piece);
        if (style.italic) piece = h('i', {}, piece);
        if (style.strike) piece = h('s', {}, piece);
        return piece;
      }
      case 'link': {
        const href = safeUrl(element.url ?? '');
        const text = element.text ?? element.url ?? '';
        return href
          ? h('a', { href, target: '_blank', rel: 'noopener noreferrer', text })
          : document.createTextNode(text);
      }
      case 'user':
        return h('span', { class: 'mention', text: `@${userLabel(element.user_id ?? '')}` });
      case 'channel':
        return h('span', { class: 'mention channel', text: `#${channelLabel(element.channel_id ?? '')}` });
      case 'usergroup': {
        const group = ui.state?.usergroups.find((candidate) => candidate.id === element.usergroup_id);
        return h('span', { class: 'mention', text: `@${group?.handle ?? element.usergroup_id}` });
      }
      case 'broadcast':
        return h('span', { class: 'mention', text: `@${element.range}` });
      case 'emoji':
        return h('span', { class: 'emoji', text: emoji(element.name ?? '') });
      case 'date':
        return document.createTextNode(element.fallback ?? String(element.timestamp ?? ''));
      default:
        return document.createTextNode(element.text ?? '');
    }
  };
  /**
   * @param {RichTextNode} part
   * @param {keyof HTMLElementTagNameMap} [tag]
   */
  const section = (part, tag = 'div') => h(tag, {}, ...(part.elements ?? []).map(inline));
  for (const part of block.elements ?? []) {
    if (part.type === 'rich_text_section') node.append(section(part));
    else if (part.type === 'rich_text_quote') node.append(section(part, 'blockquote'));
    else if (part.type === 'rich_text_preformatted') node.append(section(part, 'pre'));
    else if (part.type === 'rich_text_list') {
      const list = h(part.style === 'ordered' ? 'ol' : 'ul');
      for (const item of part.elements ?? []) list.append(section(item, 'li'));
      node.append(list);
    }
  }
  return node;
}

/**
 * One block; the switch on its type tells which shape it has.
 * @param {RenderContext} ctx
 * @param {Block} block
 * @returns {HTMLElement}
 */
function renderBlock(ctx, block) {
  switch (block.type) {
    case 'header':
      return renderTextObject(/** @type {HeaderBlock} */ (block).text, 'h3', 'bk-header');
    case 'divider':
      return h('hr', { class: 'bk-divider' });
    case 'section': {
      const section = /** @type {SectionBlock} */ (block);
      const body = h('div', { class: 'bk-section-body' });
      if (section.text) body.append(renderTextObject(section.text, 'div', 'bk-text-object'));
      if (section.fields) {
        body.append(
          h(
            'div',
            { class: 'bk-fields' },
            ...section.fields.map((field) => renderTextObject(field, 'div', 'bk-field')),
          ),
        );
      }
      const accessory = section.accessory
        ? h(
            'div',
            { class: 'bk-accessory' },
            section.accessory.type === 'image'
              ? renderImageElement(section.accessory, 'bk-image-accessory')
              : renderElement(ctx, section, section.accessory),
          )
        : null;
      return h('div', { class: 'bk-section' }, body, accessory);
    }
    case 'context': {
      const context = /** @type {ContextBlock} */ (block);
      return h(
        'div',
        { class: 'bk-context' },
        ...(context.elements ?? []).map((element) =>
          element.type === 'image' ? renderImageElement(element, 'bk-context-image') : renderTextObject(element),
        ),
      );
    }
    case 'actions': {
      const actions = /** @type {ActionsBlock} */ (block);
      return h(
        'div',
        { class: 'bk-actions' },
        ...(actions.elements ?? []).map((element) => renderElement(ctx, actions, element)),
      );
    }
    case 'image': {
      const image = /** @type {ImageBlock} */ (block);
      const fileId = image.slack_file?.id ?? /[/-](F[A-Z0-9]{8,})\//.exec(image.slack_file?.url ?? '')?.[1];
      // As Slack: an uploaded image shows to those who can see the file; others get its description only.
      if (fileId && ui.state?.viewableFiles?.includes(fileId)) {
        return h(
          'figure',
          { class: 'bk-image' },
          image.title ? renderTextObject(image.title, 'figcaption') : null,
          h('img', { class: 'bk-image-file', src: fileUrl(fileId), alt: image.alt_text ?? '', loading: 'lazy' }),
        );
      }
      return h(
        'figure',
        { class: 'bk-image' },
        image.title ? renderTextObject(image.title, 'figcaption') : null,
        h(
          'div',
          { class: 'bk-image-box', role: 'img', 'aria-label': image.alt_text ?? '' },
          icon('image'),
          ` ${image.alt_text ?? ''}`,
        ),
      );
    }
    case 'input': {
      const input = /** @type {InputBlock} */ (block);
      const error = ctx.errors?.[input.block_id];
      return h(
        'div',
        { class: `bk-input${error ? ' has-error' : ''}`, dataset: { blockId: input.block_id } },
        h(
          'label',
          { class: 'bk-label' },
          plain(input.label),
          input.optional ? h('span', { class: 'optional', text: ' (optional)' }) : null,
        ),
        input.element ? renderElement(ctx, input, input.element) : null,
        input.hint ? renderTextObject(input.hint, 'div', 'bk-hint') : null,
        error ? h('div', { class: 'bk-error', role: 'alert', text: error }) : null,
      );
    }
    case 'rich_text':
      return renderRichText(/** @type {RichTextBlock} */ (block));
    default:
      return h('div', { class: 'bk-unknown', text: `[${block.type} block]` });
  }
}

/**
 * @param {RenderContext} ctx
 * @param {Block[] | null | undefined} blocks
 */
export function renderBlocks(ctx, blocks) {
  return h('div', { class: 'blocks' }, ...(blocks ?? []).map((block) => renderBlock(ctx, block)));
}

/**
 * Legacy attachments: a coloured bar with pretext, author, title, text, fields, blocks and footer.
 * @param {RenderContext} ctx
 * @param {Attachment[] | null | undefined} attachments
 */
export function renderAttachments(ctx, attachments) {
  return (attachments ?? []).map((attachment) => {
    const node = h('div', { class: 'attachment' });
    if (attachment.color)
      node.style.borderLeftColor = /^#?[0-9a-f]{3,8}$/i.test(attachment.color)
        ? `#${attachment.color.replace('#', '')}`
        : '';
    if (attachment.pretext) node.append(renderMrkdwn(attachment.pretext, h('div', { class: 'pretext' })));
    if (attachment.author_name) node.append(h('div', { class: 'author', text: attachment.author_name }));
    if (attachment.title) node.append(h('div', { class: 'title', text: attachment.title }));
    if (attachment.text) node.append(renderMrkdwn(attachment.text, h('div')));
    for (const field of attachment.fields ?? []) {
      node.append(
        h(
          'div',
          { class: 'bk-field' },
          h('b', { text: field.title ?? '' }),
          h('br'),
          renderMrkdwn(field.value ?? '', h('span')),
        ),
      );
    }
    if (attachment.blocks) node.append(renderBlocks(ctx, attachment.blocks));
    if (attachment.footer) node.append(h('div', { class: 'footer', text: attachment.footer }));
    return node;
  });
}
