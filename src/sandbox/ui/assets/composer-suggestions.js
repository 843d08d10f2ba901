// @ts-check
// The composer's suggestion list, as Slack's client offers it: the app's slash commands (with their usage hints)
// while a `/` starts the message, and people while a word starts with `@`. Picking a person inserts their
// username (`@grace`), which the server turns into the exact reference Slack sends (`<@U…|grace>` in a command,
// `<@U…>` in a message), so what the app receives does not depend on how the person found them.

/**
 * @typedef {{ command: string, description: string, usageHint: string }} Command
 * @typedef {{ id: string, name: string, realName: string, displayName: string, isBot: boolean, deleted: boolean }} Person
 * @typedef {{ commands(): Command[], people(): Person[] }} Directory
 * @typedef {{ key: string, label: string, detail: string, description: string, insert: string }} Suggestion
 * @typedef {{ start: number, end: number, items: Suggestion[], kind: 'command' | 'person' }} Open
 */

const MAX_ITEMS = 8;
const COMMAND_BEING_TYPED = /^\/([\w-]*)$/;
// An `@` the composer would resolve: not inside a word or an email address (compose-text.ts has the same rule).
const MENTION_BEING_TYPED = /(?<![\w@#])@([\w.-]*)$/;

/**
 * @param {HTMLTextAreaElement} input
 * @param {HTMLElement} list the listbox element, drawn above the composer
 * @param {Directory} directory
 */
export function attachSuggestions(input, list, directory) {
  /** @type {Open | undefined} */
  let open;
  let selected = 0;

  list.setAttribute('role', 'listbox');
  list.hidden = true;
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-expanded', 'false');

  const close = () => {
    open = undefined;
    list.hidden = true;
    list.replaceChildren();
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  };

  const draw = () => {
    if (!open) return;
    const current = open;
    list.replaceChildren(
      ...current.items.map((item, index) => {
        const option = document.createElement('div');
        option.id = `${list.id}-${index}`;
        option.className = 'suggestion';
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', String(index === selected));
        option.dataset.value = item.key;
        const label = document.createElement('span');
        label.className = 'suggestion-label';
        label.textContent = item.label;
        const detail = document.createElement('span');
        detail.className = 'suggestion-detail';
        detail.textContent = item.detail;
        const description = document.createElement('span');
        description.className = 'suggestion-description';
        description.textContent = item.description;
        option.append(label, detail, description);
        // mousedown, not click: the textarea keeps its focus and caret.
        option.addEventListener('mousedown', (event) => {
          event.preventDefault();
          pick(index);
        });
        return option;
      }),
    );
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    input.setAttribute('aria-activedescendant', `${list.id}-${selected}`);
    list.children[selected]?.scrollIntoView({ block: 'nearest' });
  };

  /** @param {number} index */
  const pick = (index) => {
    const item = open?.items[index];
    if (!open || !item) return;
    const after = input.value.slice(open.end).replace(/^\S*\s?/, '');
    input.value = `${input.value.slice(0, open.start)}${item.insert} ${after}`;
    const caret = open.start + item.insert.length + 1;
    input.setSelectionRange(caret, caret);
    close();
    input.dispatchEvent(new Event('input', { bubbles: true }));
  };

  const update = () => {
    const caret = input.selectionStart ?? input.value.length;
    if (caret !== input.selectionEnd) return close();
    const before = input.value.slice(0, caret);
    const command = COMMAND_BEING_TYPED.exec(before);
    const mention = command ? null : MENTION_BEING_TYPED.exec(before);
    /** @type {Open | undefined} */
    let next;
    if (command) {
      next = { kind: 'command', start: 0, end: caret, items: commandItems(directory.commands(), command[1] ?? '') };
    } else if (mention) {
      const query = mention[1] ?? '';
      next = {
        kind: 'person',
        start: caret - query.length - 1,
        end: caret,
        items: personItems(directory.people(), query),
      };
    }
    if (!next || next.items.length === 0) return close();
    open = next;
    selected = 0;
    draw();
  };

  input.addEventListener('input', update);
  input.addEventListener('click', update);
  input.addEventListener('blur', close);

  return {
    isOpen: () => open !== undefined,
    close,
    /**
     * Arrow keys move through the list, Enter and Tab pick; true when the key was used (the composer must not
     * also act on it, e.g. send on Enter).
     * @param {KeyboardEvent} event
     */
    onKeyDown(event) {
      if (!open || event.isComposing) return false;
      const count = open.items.length;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        selected = (selected + (event.key === 'ArrowDown' ? 1 : count - 1)) % count;
        draw();
      } else if ((event.key === 'Enter' && !event.shiftKey) || (event.key === 'Tab' && !event.shiftKey)) {
        pick(selected);
      } else {
        return false;
      }
      event.preventDefault();
      return true;
    },
  };
}

/**
 * @param {Command[]} commands
 * @param {string} query what follows the `/`
 * @returns {Suggestion[]}
 */
function commandItems(commands, query) {
  const wanted = `/${query.toLowerCase()}`;
  return commands
    .filter((command) => command.command.toLowerCase().startsWith(wanted))
    .slice(0, MAX_ITEMS)
    .map((command) => ({
      key: command.command,
      label: command.command,
      detail: command.usageHint,
      description: command.description,
      insert: command.command,
    }));
}

/**
 * People whose username, display name or any word of their real name starts with the query, as Slack matches.
 * @param {Person[]} people
 * @param {string} query what follows the `@`
 * @returns {Suggestion[]}
 */
function personItems(people, query) {
  const wanted = query.toLowerCase();
  return people
    .filter((person) => !person.deleted && !person.isBot)
    .filter((person) =>
      [person.name, person.displayName, person.realName, ...person.realName.split(/\s+/)].some((name) =>
        name.toLowerCase().startsWith(wanted),
      ),
    )
    .sort((a, b) => (a.displayName || a.realName).localeCompare(b.displayName || b.realName))
    .slice(0, MAX_ITEMS)
    .map((person) => ({
      key: person.id,
      label: person.displayName || person.realName,
      detail: person.realName,
      description: `@${person.name}`,
      insert: `@${person.name}`,
    }));
}
