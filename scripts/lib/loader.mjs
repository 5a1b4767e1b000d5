// @ts-check
// The wasm loader the build writes in place of Trunk's inline one (scripts/csp-loader.mjs):
// a module in its own hashed file, so a strict CSP needs no 'unsafe-inline'.
//
// What it adds to Trunk's: it waits for the painted page (GLOBAL_PAINTED, settled by
// early-paint.js in the first quiet moment after the paint, so the wasm's compile and
// first render do not hold the main thread while the applicant starts typing); it
// fetches the wasm WITH its integrity (wasm-bindgen's init fetches without one, which
// reuses the preload only when it succeeded and silently fetches an unchecked copy when
// it did not); and a failure anywhere (the JS glue, the wasm's download, a CSP without
// 'wasm-unsafe-eval', an exception in main()) is said on the page: it sets
// GLOBAL_START_FAILURE and dispatches EVENT_START_FAILED, which early-paint.js shows.
import * as C from '../contract.mjs';

/**
 * @param {{ glue: string, wasm: string, wasmIntegrity: string | null }} files
 *   the wasm-bindgen JS module and the wasm, as paths relative to the loader's own URL
 * @returns {string} module source
 */
export function loaderSource({ glue, wasm, wasmIntegrity }) {
  const q = JSON.stringify;
  const fetchOptions = wasmIntegrity ? `{ integrity: ${q(wasmIntegrity)} }` : '{}';
  return `// The mentor form's wasm loader (written by scripts/lib/loader.mjs).
const failed = (reason) => {
  const why = String(reason && reason.message ? reason.message : reason);
  console.error('mentor form: the form could not start: ' + why);
  globalThis[${q(C.GLOBAL_START_FAILURE)}] = why;
  dispatchEvent(new CustomEvent(${q(C.EVENT_START_FAILED)}, { detail: why }));
};
try {
  await globalThis[${q(C.GLOBAL_PAINTED)}];
  const bindings = await import(${q(glue)});
  const response = fetch(new URL(${q(wasm)}, import.meta.url), ${fetchOptions});
  const wasm = await bindings.default({ module_or_path: response });
  window.wasmBindings = bindings;
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
} catch (e) {
  failed(e);
}
`;
}
