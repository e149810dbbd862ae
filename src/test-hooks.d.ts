// Replaced by vite (vite.config.ts `define`): false in a production build, so the test hooks
// (crash.test-support.ts, fast-forward.test-support.ts, the page's window.normscope.debug) are left out.
// Undefined outside vite (tsx scripts): the hooks are there. Test it as
// `typeof __TEST_HOOKS__ === 'undefined' || __TEST_HOOKS__`, so that the minifier can drop the branch.
declare const __TEST_HOOKS__: boolean;
