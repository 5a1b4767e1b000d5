// @ts-check
// The sentences the page scripts show, resolved at build time the way the app resolves
// them: the cycle file's `texts` block, else the form's default. The defaults come from
// cycle.schema.json, which is generated from the Rust texts table (tests/schema.rs fails
// when it is stale), so no script holds a sentence of its own.
import fs from 'node:fs';

/**
 * @param {unknown} cycle the parsed cycle file
 * @param {unknown} schema the parsed cycle.schema.json
 * @param {readonly string[]} keys
 * @returns {Record<string, string>}
 */
export function resolveTexts(cycle, schema, keys) {
  const own = /** @type {Record<string, unknown>} */ (isObject(cycle) && isObject(cycle.texts) ? cycle.texts : {});
  const defs = isObject(schema) && isObject(schema.$defs) ? schema.$defs : {};
  const props = isObject(defs.Texts) && isObject(defs.Texts.properties) ? defs.Texts.properties : {};
  /** @type {Record<string, string>} */
  const out = {};
  for (const key of keys) {
    const given = own[key];
    const prop = props[key];
    const fallback = isObject(prop) && typeof prop.default === 'string' ? prop.default : null;
    if (typeof given === 'string') out[key] = given;
    else if (fallback !== null) out[key] = fallback;
    else throw new Error(`texts: "${key}" has no default in cycle.schema.json (regenerate it: UPDATE_SCHEMA=1 cargo test --test schema)`);
  }
  return out;
}

/**
 * The texts of `keys` as the list the page scripts read (ATTR_TEXTS), in that order.
 * @param {unknown} cycle @param {unknown} schema @param {readonly string[]} keys
 */
export function textsList(cycle, schema, keys) {
  const texts = resolveTexts(cycle, schema, keys);
  return JSON.stringify(keys.map((k) => texts[k]));
}

/** @param {string} file */
export function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** @param {unknown} v @returns {v is Record<string, any>} */
function isObject(v) {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
