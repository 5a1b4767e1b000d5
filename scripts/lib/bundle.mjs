// @ts-check
// The page scripts as shipped: one ES module each, with what they import inlined
// (esbuild) and minified by terser (a few hundred bytes smaller compressed than
// esbuild's own minifier). `entry` is the source of a small entry module, resolved
// from scripts/ (it imports the real modules and calls them with the build's values).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { minify } from 'terser';

const SCRIPTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * @param {string} entry module source, its imports relative to scripts/
 * @returns {Promise<string>}
 */
export async function bundle(entry) {
  const out = await build({
    stdin: { contents: entry, resolveDir: SCRIPTS, sourcefile: 'entry.js', loader: 'js' },
    bundle: true,
    format: 'esm',
    target: ['es2020'],
    platform: 'browser',
    write: false,
    legalComments: 'none',
  });
  const min = await minify(out.outputFiles[0].text, { module: true, compress: { passes: 3 }, mangle: true, format: { comments: false } });
  if (!min.code) throw new Error('terser gave nothing');
  return `${min.code}\n`;
}
