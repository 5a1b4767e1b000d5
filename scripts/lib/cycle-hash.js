// @ts-check
// FNV-1a, 32 bit, over the UTF-16 code units of a cycle file's text: the same in Node
// (the prerender writes it on the page) and in the browser (early-paint.js compares).
// Not a security hash: it only tells "the file the pages were painted from" from
// "another file". scripts/lib/hash.mjs exports it with the build's other hashes.

/** @param {string} text @returns {string} eight hex digits */
export function cycleHash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
