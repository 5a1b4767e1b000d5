// The static server lives with the build (scripts/lib/server.mjs: the prerender step
// serves dist/ with it); tests and the bench import it from there. Kept so existing
// imports of this path go on working.
export { startServer } from '../../../scripts/lib/server.mjs';
