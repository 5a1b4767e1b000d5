// @ts-check
// The page script as shipped: one ES module with what it imports inlined, minified.
import { build } from 'esbuild';

/**
 * @param {string} entry
 * @returns {Promise<string>}
 */
export async function bundlePageScript(entry) {
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    minify: true,
    target: ['es2020'],
    platform: 'browser',
    write: false,
    legalComments: 'none',
  });
  return out.outputFiles[0].text;
}
