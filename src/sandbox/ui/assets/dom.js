// @ts-check
// Building the page from data: elements with their text as DOM text nodes, never parsed as HTML.

/** @typedef {Node | string | null | undefined | false} Child */

/**
 * An element with attributes, listeners (`on<event>`), `text`, `class`, `dataset` and children; absent children
 * and attributes that are undefined, null or false are left out.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, unknown>} [attrs]
 * @param {...(Child | Child[])} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = String(value);
    else if (key === 'text') node.textContent = String(value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), /** @type {EventListener} */ (value));
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/**
 * An element of the page shell (shell.ts), of the type the caller needs.
 * @template {HTMLElement} T
 * @param {string} id
 * @param {new () => T} [type]
 * @returns {T}
 */
export function $(id, type) {
  const node = document.getElementById(id);
  if (!(node instanceof (type ?? HTMLElement))) throw new Error(`The page has no #${id}`);
  return /** @type {T} */ (node);
}

/**
 * replaceChildren without the "null" text nodes it makes of absent children.
 * @template {Element} T
 * @param {T} node
 * @param {...(Child | Child[])} children
 * @returns {T}
 */
export function fill(node, ...children) {
  node.replaceChildren(
    ...children
      .flat()
      .filter(
        /** @returns {child is Node | string} */ (child) => child !== undefined && child !== null && child !== false,
      ),
  );
  return node;
}

/** @type {ReturnType<typeof setTimeout> | undefined} */
let toastTimer;

/** @param {string} message */
export function toast(message) {
  const node = $('toast');
  node.textContent = message;
  node.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    node.hidden = true;
  }, 5000);
}
