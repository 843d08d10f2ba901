// @ts-check
// Block Kit interactive elements as form controls: buttons, selects (static, external, people, conversations,
// each also multi), overflow menus, checkboxes and radio buttons, text, number, email and URL inputs, date and
// time pickers. Each keeps its value per surface (block-inputs.js) and sends block_actions when it dispatches.

import { currentInput, dispatches, sendAction, setInput } from './block-inputs.js';
import { fill, h } from './dom.js';
import { icon } from './icons.js';
import { openPopover } from './menus.js';
import { plain, renderTextObject, safeUrl } from './mrkdwn.js';
import { ui } from './state.js';

/**
 * @typedef {import('./types.js').Block} Block
 * @typedef {import('./types.js').Element} Element
 * @typedef {import('./types.js').Option} Option
 * @typedef {import('./types.js').RenderContext} RenderContext
 */

/**
 * Options and the options of option groups.
 * @param {Element} element
 * @returns {Option[]}
 */
function optionsOf(element) {
  return [...(element.options ?? []), ...(element.option_groups ?? []).flatMap((group) => group.options ?? [])];
}

/**
 * What a select offers: people, conversations, or the app's options.
 * @param {Element} element
 * @returns {Array<{ value: string, label: string }>}
 */
function choiceLists(element) {
  if (element.type.includes('users')) {
    return (ui.state?.users ?? [])
      .filter((user) => !user.deleted)
      .map((user) => ({ value: user.id, label: `${user.realName} (@${user.name})` }));
  }
  if (element.type.includes('conversations') || element.type.includes('channels')) {
    return (ui.state?.conversations ?? [])
      .filter((conversation) => conversation.kind !== 'mpim')
      .map((conversation) => ({ value: conversation.id, label: `#${conversation.name}` }));
  }
  if (element.type.includes('external')) {
    // Without block_suggestion the only options the client knows of are the ones the app chose up front.
    const initial = element.initial_option ? [element.initial_option] : (element.initial_options ?? []);
    return initial.map((option) => ({ value: option.value, label: plain(option.text) }));
  }
  return optionsOf(element).map((option) => ({ value: option.value, label: plain(option.text) }));
}

/**
 * @param {RenderContext} ctx
 * @param {Block} block
 * @param {Element} element
 */
function renderSelect(ctx, block, element) {
  const current = currentInput(ctx, block, element).value;
  const select = h('select', { class: 'bk-select', 'aria-label': plain(element.placeholder) || 'Select' });
  select.append(h('option', { value: '', text: plain(element.placeholder) || 'Select an item' }));
  /**
   * @param {HTMLElement} parent
   * @param {{ value: string, label: string }} option
   */
  const add = (parent, option) => {
    parent.append(h('option', { value: option.value, text: option.label, selected: option.value === current }));
  };
  if (element.option_groups) {
    for (const group of element.option_groups) {
      const optgroup = h('optgroup', { label: plain(group.label) });
      for (const option of group.options ?? []) add(optgroup, { value: option.value, label: plain(option.text) });
      select.append(optgroup);
    }
  } else {
    for (const option of choiceLists(element)) add(select, option);
  }
  select.addEventListener('change', () => {
    const input = { value: select.value === '' ? null : select.value };
    setInput(ctx, block, element, input);
    if (dispatches(block) && select.value !== '') void sendAction(ctx, block, element, input);
  });
  return select;
}

/**
 * @param {RenderContext} ctx
 * @param {Block} block
 * @param {Element} element
 */
function renderMultiSelect(ctx, block, element) {
  const choices = choiceLists(element);
  const wrapper = h('div', { class: 'bk-multi' });
  const draw = () => {
    fill(wrapper);
    const chosen = currentInput(ctx, block, element).values ?? [];
    const chips = h('div', { class: 'chips' });
    for (const value of chosen) {
      const label = choices.find((choice) => choice.value === value)?.label ?? value;
      chips.append(
        h(
          'span',
          { class: 'chip' },
          label,
          h('button', {
            type: 'button',
            class: 'chip-remove',
            'aria-label': `Remove ${label}`,
            text: '×',
            onclick: () => change(chosen.filter((other) => other !== value)),
          }),
        ),
      );
    }
    const adder = h('select', { class: 'bk-select', 'aria-label': plain(element.placeholder) || 'Add' });
    adder.append(h('option', { value: '', text: plain(element.placeholder) || 'Add…' }));
    for (const choice of choices) {
      if (!chosen.includes(choice.value)) adder.append(h('option', { value: choice.value, text: choice.label }));
    }
    adder.addEventListener('change', () => {
      if (adder.value !== '') change([...chosen, adder.value]);
    });
    wrapper.append(chips, adder);
  };
  /** @param {string[]} values */
  const change = (values) => {
    const input = { values };
    setInput(ctx, block, element, input);
    draw();
    if (dispatches(block)) void sendAction(ctx, block, element, input);
  };
  draw();
  return wrapper;
}

/**
 * @param {RenderContext} ctx
 * @param {Block} block
 * @param {Element} element
 */
function renderChoices(ctx, block, element) {
  const many = element.type === 'checkboxes';
  const current = currentInput(ctx, block, element);
  const name = `${ctx.key}-${block.block_id}-${element.action_id}`;
  const list = h('div', { class: 'bk-choices', role: many ? 'group' : 'radiogroup' });
  for (const option of optionsOf(element)) {
    const checked = many ? (current.values ?? []).includes(option.value) : current.value === option.value;
    const box = h('input', { type: many ? 'checkbox' : 'radio', name, value: option.value, checked });
    box.addEventListener('change', () => {
      const boxes = [...list.querySelectorAll('input')];
      const input = many
        ? { values: boxes.filter((other) => other.checked).map((other) => other.value) }
        : { value: boxes.find((other) => other.checked)?.value ?? null };
      setInput(ctx, block, element, input);
      if (dispatches(block)) void sendAction(ctx, block, element, input);
    });
    list.append(
      h(
        'label',
        { class: 'bk-choice' },
        box,
        renderTextObject(option.text),
        option.description ? renderTextObject(option.description, 'span', 'bk-choice-description') : null,
      ),
    );
  }
  return list;
}

/**
 * @param {RenderContext} ctx
 * @param {Block} block
 * @param {Element} element
 */
function renderTextInput(ctx, block, element) {
  const current = currentInput(ctx, block, element).value ?? '';
  /** @type {Record<string, string>} */
  const types = { number_input: 'number', email_text_input: 'email', url_text_input: 'url' };
  const multiline = element.type === 'plain_text_input' && element.multiline;
  const field = multiline
    ? h('textarea', { class: 'bk-text', rows: 4 })
    : h('input', { class: 'bk-text', type: types[element.type] ?? 'text' });
  field.value = current;
  if (element.placeholder) field.placeholder = plain(element.placeholder);
  if (element.max_length) field.maxLength = element.max_length;
  field.setAttribute('aria-label', plain(block.label) || plain(element.placeholder) || 'Input');
  field.addEventListener('input', () =>
    setInput(ctx, block, element, { value: field.value === '' ? null : field.value }),
  );
  if (dispatches(block)) {
    field.addEventListener('keydown', (event) => {
      const key = /** @type {KeyboardEvent} */ (event);
      if (key.key === 'Enter' && !key.shiftKey) {
        event.preventDefault();
        void sendAction(ctx, block, element, { value: field.value });
      }
    });
  }
  return field;
}

/**
 * @param {RenderContext} ctx
 * @param {Block} block
 * @param {Element} element
 * @param {'date' | 'time'} type
 */
function renderPicker(ctx, block, element, type) {
  const field = h('input', { class: 'bk-text', type, 'aria-label': plain(element.placeholder) || type });
  field.value = currentInput(ctx, block, element).value ?? '';
  field.addEventListener('change', () => {
    const input = { value: field.value === '' ? null : field.value };
    setInput(ctx, block, element, input);
    if (dispatches(block) && field.value !== '') void sendAction(ctx, block, element, input);
  });
  return field;
}

/**
 * @param {RenderContext} ctx
 * @param {Block} block
 * @param {Element} element
 */
function renderOverflow(ctx, block, element) {
  const button = h('button', { type: 'button', class: 'bk-button overflow', 'aria-label': 'More options', text: '⋯' });
  button.addEventListener('click', () =>
    openPopover(
      button,
      optionsOf(element).map((option) => ({
        label: plain(option.text),
        run: () => sendAction(ctx, block, element, { value: option.value }),
      })),
    ),
  );
  return button;
}

/**
 * @param {RenderContext} ctx
 * @param {Block} block
 * @param {Element} element
 */
function renderButton(ctx, block, element) {
  const style = element.style === 'primary' || element.style === 'danger' ? ` ${element.style}` : '';
  return h('button', {
    type: 'button',
    class: `bk-button${style}`,
    text: plain(element.text),
    onclick: () => {
      const url = element.url && safeUrl(element.url);
      if (url) window.open(url, '_blank', 'noopener');
      void sendAction(ctx, block, element, undefined);
    },
  });
}

/**
 * Images are placeholders with their alt text: the page loads nothing from the internet.
 * @param {{ alt_text?: string }} element
 * @param {string} [className]
 */
export function renderImageElement(element, className = 'bk-image-thumb') {
  return h(
    'span',
    { class: className, role: 'img', 'aria-label': element.alt_text ?? '', title: element.alt_text ?? '' },
    icon('image'),
  );
}

/**
 * @param {RenderContext} ctx
 * @param {Block} block
 * @param {Element} element
 * @returns {HTMLElement}
 */
export function renderElement(ctx, block, element) {
  switch (element.type) {
    case 'button':
      return renderButton(ctx, block, element);
    case 'overflow':
      return renderOverflow(ctx, block, element);
    case 'static_select':
    case 'external_select':
    case 'users_select':
    case 'conversations_select':
    case 'channels_select':
      return renderSelect(ctx, block, element);
    case 'multi_static_select':
    case 'multi_external_select':
    case 'multi_users_select':
    case 'multi_conversations_select':
    case 'multi_channels_select':
      return renderMultiSelect(ctx, block, element);
    case 'checkboxes':
    case 'radio_buttons':
      return renderChoices(ctx, block, element);
    case 'plain_text_input':
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input':
      return renderTextInput(ctx, block, element);
    case 'datepicker':
      return renderPicker(ctx, block, element, 'date');
    case 'timepicker':
      return renderPicker(ctx, block, element, 'time');
    case 'image':
      return renderImageElement(element);
    default:
      return h('span', { class: 'bk-unknown', text: `[${element.type}]` });
  }
}
