// @ts-check
// Starting the wasm, in place of Trunk's inline loader (which a strict CSP would block):
// the page script (early-paint.js) calls it on the applicant's page and in mount mode;
// the staff preview gets it as a small loader file (scripts/csp-loader.mjs).
//
// What it adds to Trunk's: it waits for the painted page (GLOBAL_PAINTED, settled by
// early-paint.js in the first quiet moment after the paint, so the wasm's compile and
// first render do not hold the main thread while the applicant starts typing); it
// fetches the wasm WITH its integrity (wasm-bindgen's own fetch has none, and silently
// fetches an unchecked copy when the checked preload failed); and a failure anywhere
// (the JS glue, the wasm's download, a CSP without 'wasm-unsafe-eval', an exception in
// main()) is said on the page: it sets GLOBAL_START_FAILURE and dispatches
// EVENT_START_FAILED, which early-paint.js shows.
import * as C from '../contract.mjs';

/**
 * @typedef {{ glue: string, wasm: string, integrity: string | null }} WasmFiles
 *   the wasm-bindgen JS module and the wasm, as URLs relative to `base`
 */

/**
 * @param {WasmFiles} files
 * @param {string} base the URL the files are relative to (the calling script's own)
 */
export async function startWasm(files, base) {
  const g = /** @type {Record<string, any>} */ (/** @type {unknown} */ (globalThis));
  try {
    await g[C.GLOBAL_PAINTED];
    const bindings = await import(new URL(files.glue, base).href);
    const response = fetch(new URL(files.wasm, base), files.integrity ? { integrity: files.integrity } : {});
    const wasm = await bindings.default({ module_or_path: response });
    g.wasmBindings = bindings;
    dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
  } catch (e) {
    const why = String(e instanceof Error ? e.message : e);
    console.error(`mentor form: the form could not start: ${why}`);
    g[C.GLOBAL_START_FAILURE] = why;
    dispatchEvent(new CustomEvent(C.EVENT_START_FAILED, { detail: why }));
  }
}
