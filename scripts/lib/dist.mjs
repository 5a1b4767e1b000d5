// @ts-check
// Where a build step works: the folder given as its argument, or Trunk's staging folder.
import path from 'node:path';

/**
 * The folder a build step edits (argv[2], else TRUNK_STAGING_DIR); exits with a
 * message naming the step when there is none.
 * @param {string} step
 */
export function stagingDir(step) {
  const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
  if (!dir) {
    console.error(`${step}: no folder given (argument or TRUNK_STAGING_DIR)`);
    process.exit(2);
  }
  return dir;
}

/**
 * The file a local URL of index.html names, inside `dir` (no query, no fragment).
 * @param {string} dir @param {string} href
 */
export function localFile(dir, href) {
  const clean = decodeURIComponent(href.replace(/^\.?\//, '').replace(/^(\.\.\/)+/, '').split(/[?#]/)[0]);
  return path.join(dir, clean);
}
