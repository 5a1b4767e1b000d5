// @ts-check
// The build's one way of reading and changing HTML: parse5 (the WHATWG parser, as a
// browser parses) with its default tree, and a few helpers over it. Every build step
// that edits index.html goes through here, never through regular expressions.
import fs from 'node:fs';
import { parse, parseFragment, serialize, defaultTreeAdapter as tree, html as parse5html } from 'parse5';

/** @typedef {import('parse5').DefaultTreeAdapterTypes.Document} Document */
/** @typedef {import('parse5').DefaultTreeAdapterTypes.DocumentFragment} Fragment */
/** @typedef {import('parse5').DefaultTreeAdapterTypes.Element} Element */
/** @typedef {import('parse5').DefaultTreeAdapterTypes.Template} Template */
/** @typedef {import('parse5').DefaultTreeAdapterTypes.Node} Node */
/** @typedef {import('parse5').DefaultTreeAdapterTypes.ParentNode} ParentNode */
/** @typedef {import('parse5').DefaultTreeAdapterTypes.ChildNode} ChildNode */
/** @typedef {import('parse5').DefaultTreeAdapterTypes.TextNode} TextNode */

const NS = parse5html.NS.HTML;

/** @param {string} file */
export function readHtml(file) {
  return parse(fs.readFileSync(file, 'utf8'));
}

/** @param {string} text */
export function parseHtml(text) {
  return parse(text);
}

/** @param {string} file @param {Document} doc */
export function writeHtml(file, doc) {
  fs.writeFileSync(file, serialize(doc));
}

/** @param {ParentNode} node */
export function toHtml(node) {
  return serialize(node);
}

/**
 * The markup of one element, itself included.
 * @param {Element} el
 */
export function outerHtml(el) {
  const holder = tree.createDocumentFragment();
  const copy = { ...el, parentNode: null };
  tree.appendChild(holder, /** @type {Element} */ (copy));
  return serialize(holder);
}

/**
 * Nodes parsed from markup, as children of a fragment.
 * @param {string} markup
 */
export function fragment(markup) {
  return parseFragment(markup);
}

/** @param {Node} node @returns {node is Element} */
export function isElement(node) {
  return 'tagName' in node;
}

/**
 * Every element under `root` (depth first, document order), template contents
 * included only when `intoTemplates` is set.
 * @param {ParentNode} root
 * @param {{ intoTemplates?: boolean }} [options]
 * @returns {Element[]}
 */
export function elements(root, { intoTemplates = false } = {}) {
  /** @type {Element[]} */
  const out = [];
  /** @param {ParentNode} node */
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (!isElement(child)) continue;
      out.push(child);
      walk(child);
      if (intoTemplates && child.tagName === 'template') walk(/** @type {Template} */ (child).content);
    }
  };
  walk(root);
  return out;
}

/**
 * The elements matching `test`.
 * @param {ParentNode} root
 * @param {(el: Element) => boolean} test
 * @param {{ intoTemplates?: boolean }} [options]
 */
export function findAll(root, test, options) {
  return elements(root, options).filter(test);
}

/**
 * The first element matching `test`, or null.
 * @param {ParentNode} root
 * @param {(el: Element) => boolean} test
 */
export function find(root, test) {
  return elements(root).find(test) ?? null;
}

/** @param {ParentNode} root @param {string} tag */
export function byTag(root, tag) {
  const el = find(root, (e) => e.tagName === tag);
  if (!el) throw new Error(`no <${tag}> in the document`);
  return el;
}

/**
 * An attribute's value, '' for a bare attribute, null when absent.
 * @param {Element} el @param {string} name
 */
export function getAttr(el, name) {
  const a = el.attrs.find((x) => x.name === name);
  return a ? a.value : null;
}

/** @param {Element} el @param {string} name */
export function hasAttr(el, name) {
  return el.attrs.some((x) => x.name === name);
}

/** @param {Element} el @param {string} name @param {string} value */
export function setAttr(el, name, value) {
  const a = el.attrs.find((x) => x.name === name);
  if (a) a.value = value;
  else el.attrs.push({ name, value });
}

/** @param {Element} el @param {string} name */
export function removeAttr(el, name) {
  el.attrs = el.attrs.filter((x) => x.name !== name);
}

/**
 * A new element (not yet in the tree). `attrs` in order; text, if given, as its one child.
 * @param {string} tag
 * @param {Record<string, string>} [attrs]
 * @param {string} [text]
 */
export function createElement(tag, attrs = {}, text) {
  const el = tree.createElement(tag, NS, Object.entries(attrs).map(([name, value]) => ({ name, value })));
  if (text !== undefined) tree.insertText(el, text);
  return el;
}

/** @param {ParentNode} parent @param {ChildNode} child */
export function append(parent, child) {
  tree.appendChild(parent, child);
}

/** @param {ParentNode} parent @param {ChildNode} child @param {ChildNode} before */
export function insertBefore(parent, child, before) {
  tree.insertBefore(parent, child, before);
}

/**
 * Puts `child` right after `ref` (in ref's parent).
 * @param {ChildNode} ref @param {ChildNode} child
 */
export function insertAfter(ref, child) {
  const parent = ref.parentNode;
  if (!parent) throw new Error('insertAfter: the reference node is not in a tree');
  const next = parent.childNodes[parent.childNodes.indexOf(ref) + 1];
  if (next) tree.insertBefore(parent, child, next);
  else tree.appendChild(parent, child);
}

/** @param {ChildNode} node */
export function remove(node) {
  tree.detachNode(node);
}

/**
 * Replaces `node` by `replacement` in its place.
 * @param {ChildNode} node @param {ChildNode} replacement
 */
export function replace(node, replacement) {
  insertAfter(node, replacement);
  remove(node);
}

/**
 * An element's text (its text nodes, joined).
 * @param {ParentNode} el
 */
export function textOf(el) {
  let out = '';
  for (const child of el.childNodes) {
    if (child.nodeName === '#text') out += /** @type {import('parse5').DefaultTreeAdapterTypes.TextNode} */ (child).value;
    else if (isElement(child)) out += textOf(child);
  }
  return out;
}

/**
 * Replaces an element's children by one text node.
 * @param {Element} el @param {string} text
 */
export function setText(el, text) {
  for (const child of [...el.childNodes]) tree.detachNode(child);
  tree.insertText(el, text);
}

/**
 * The element's start tag as written back (for messages).
 * @param {Element} el
 */
export function startTag(el) {
  const attrs = el.attrs.map((a) => (a.value === '' ? ` ${a.name}` : ` ${a.name}="${a.value}"`)).join('');
  return `<${el.tagName}${attrs}>`;
}

/** A local URL (not http:, //host, data:, …). @param {string | null} href */
export function isLocalUrl(href) {
  return !!href && !/^([a-z][a-z0-9+.-]*:)?\/\//i.test(href) && !/^[a-z][a-z0-9+.-]*:/i.test(href);
}

/** `<link rel=…>` elements with that rel (case-insensitive). @param {ParentNode} root @param {string} rel */
export function linksWithRel(root, rel) {
  return findAll(root, (e) => e.tagName === 'link' && (getAttr(e, 'rel') || '').toLowerCase() === rel);
}

/**
 * Every comment under `root` (not inside templates).
 * @param {ParentNode} root
 * @returns {import('parse5').DefaultTreeAdapterTypes.CommentNode[]}
 */
export function comments(root) {
  /** @type {import('parse5').DefaultTreeAdapterTypes.CommentNode[]} */
  const out = [];
  /** @param {ParentNode} node */
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeName === '#comment') out.push(/** @type {import('parse5').DefaultTreeAdapterTypes.CommentNode} */ (child));
      else if (isElement(child)) walk(child);
    }
  };
  walk(root);
  return out;
}
