// @ts-check
// Files shared with a message (Slack's external upload): a card with the title, name, type and size that
// downloads the file, and a PNG shown inline as Slack shows images.

import { h } from './dom.js';
import { fileUrl } from './server.js';

/** @typedef {import('./types.js').FileItem} FileItem */

/**
 * @param {number} bytes
 * @returns {string}
 */
function formatSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * @param {FileItem} file
 * @returns {HTMLElement}
 */
function renderFile(file) {
  const url = fileUrl(file.id);
  const card = h(
    'a',
    { class: 'file-card', href: url, download: file.name, title: `Download ${file.name}` },
    h('span', { class: 'file-type', text: file.name.includes('.') ? file.name.split('.').pop() : 'file' }),
    h(
      'span',
      { class: 'file-text' },
      h('span', { class: 'file-title', text: file.title }),
      h('span', { class: 'file-meta', text: `${file.name} · ${formatSize(file.size)}` }),
    ),
  );
  if (file.mimetype !== 'image/png') return h('div', { class: 'file', dataset: { fileId: file.id } }, card);
  return h(
    'div',
    { class: 'file image', dataset: { fileId: file.id } },
    h('img', { class: 'file-image', src: url, alt: file.altText ?? file.title, loading: 'lazy' }),
    card,
  );
}

/**
 * @param {FileItem[]} files
 * @returns {HTMLElement[]}
 */
export function renderFiles(files) {
  return files.map(renderFile);
}
