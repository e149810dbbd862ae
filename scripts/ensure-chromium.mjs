#!/usr/bin/env node
// Makes sure Debian's Chromium is at /usr/bin/chromium for the browser tests.
//
//   node scripts/ensure-chromium.mjs        (scripts/test-all.mjs calls ensureChromium() itself)
//
// Found and runnable: nothing to do. Missing and running as root (CI, this project's machines): runs
// `apt-get update && apt-get install -y chromium`, showing apt's output, and waits for apt's lock if
// another apt-get is running. Missing otherwise: fails and says `sudo apt-get install -y chromium`.
// Playwright's own browser download (`npx playwright install`) cannot work on these machines: only the
// npm registry and Debian's packages are reachable.
// NORMSCOPE_CHROMIUM=/path/to/chrome overrides the path on a developer machine without Debian's package.

import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CHROMIUM_PATH = process.env.NORMSCOPE_CHROMIUM || '/usr/bin/chromium';
export const INSTALL_HINT = 'sudo apt-get install -y chromium';

const LOCK_RE = /Could not get lock|Unable to acquire the dpkg frontend lock|Unable to lock directory|is another process using it/i;
const LOCK_RETRIES = 60; // × 10 s: up to ten minutes behind somebody else's apt-get
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** `chromium --version`, or undefined when it does not run. */
function chromiumVersion(path) {
  const r = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) return undefined;
  const line = (r.stdout || '').split('\n').find((l) => /chrom/i.test(l));
  return line ? line.trim() : undefined;
}

/** Runs a command, streaming its output through `log`, and resolves with its exit code and output. */
function runStreaming(cmd, args, log) {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(cmd, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    const onData = (chunk) => {
      const text = chunk.toString();
      output += text;
      log(text, true);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (err) => resolve({ code: 127, output: output + String(err) }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** apt-get with a retry while another apt-get or dpkg holds the lock. */
async function aptGet(args, log) {
  const full = ['-o', 'DPkg::Lock::Timeout=120', ...args];
  for (let attempt = 1; ; attempt++) {
    log(`$ apt-get ${args.join(' ')}\n`);
    const { code, output } = await runStreaming('apt-get', full, log);
    if (code === 0) return;
    if (LOCK_RE.test(output) && attempt < LOCK_RETRIES) {
      log(`apt is locked by another process; retrying in 10 s (attempt ${attempt + 1} of ${LOCK_RETRIES})\n`);
      await sleep(10_000);
      continue;
    }
    throw new Error(`apt-get ${args.join(' ')} failed with exit code ${code}`);
  }
}

/**
 * Resolves with `{ path, version, installed }` once Chromium runs; rejects with a message saying what
 * to do otherwise. `log(text, raw)` receives progress text (raw = a child's output, passed through).
 */
export async function ensureChromium({ log = (t) => process.stdout.write(t) } = {}) {
  if (isExecutable(CHROMIUM_PATH)) {
    const version = chromiumVersion(CHROMIUM_PATH);
    if (version) return { path: CHROMIUM_PATH, version, installed: false };
    if (process.env.NORMSCOPE_CHROMIUM) {
      throw new Error(`NORMSCOPE_CHROMIUM=${CHROMIUM_PATH} exists but \`${CHROMIUM_PATH} --version\` fails.`);
    }
    log(`${CHROMIUM_PATH} exists but \`--version\` fails; reinstalling.\n`);
  } else if (process.env.NORMSCOPE_CHROMIUM) {
    throw new Error(`NORMSCOPE_CHROMIUM=${CHROMIUM_PATH} is not an executable file.`);
  } else {
    log(`Chromium not found at ${CHROMIUM_PATH}.\n`);
  }

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (process.platform !== 'linux' || !isRoot) {
    throw new Error(
      `The browser tests need Debian's Chromium at ${CHROMIUM_PATH}. Install it with:\n\n    ${INSTALL_HINT}\n\n` +
        '(or point NORMSCOPE_CHROMIUM at another Chromium or Chrome binary).',
    );
  }
  log('Running as root: installing it with apt-get.\n');
  await aptGet(['update'], log);
  await aptGet(['install', '-y', 'chromium'], log);
  const version = isExecutable(CHROMIUM_PATH) ? chromiumVersion(CHROMIUM_PATH) : undefined;
  if (!version) throw new Error(`apt-get installed chromium, but ${CHROMIUM_PATH} does not run (\`--version\` failed).`);
  return { path: CHROMIUM_PATH, version, installed: true };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensureChromium().then(
    ({ path, version, installed }) => console.log(`${installed ? 'Installed' : 'Found'} ${version} at ${path}`),
    (err) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exit(1);
    },
  );
}
