// npm run -s conformance -- FILE...
// Prints one JSON line per fixture: {"name", "result"} or {"name", "error"}. One bad fixture never
// stops the others. The contract is ../shared/conformance/README.md.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { runConvFixture, type ConvFixture } from './conformance/run-conv-fixture';
import { runFixture, type Fixture } from './conformance/run-fixture';
import { readFlags, UsageError } from './cli/flags';
import { parseOrExit } from './cli/start';

const USAGE = 'usage: npm run -s conformance -- FIXTURE.json...';

function parseFiles(argv: readonly string[]): { files: string[]; help: boolean } {
  const flags = readFlags(argv, { values: [], switches: ['help'], positionals: true });
  if (flags.positionals.length === 0 && !flags.switches.has('help')) throw new UsageError(`no fixture given; ${USAGE}`);
  return { files: flags.positionals, help: flags.switches.has('help') };
}

const files = parseOrExit('conformance', parseFiles, () => USAGE)?.files ?? [];
for (const file of files) {
  let name = basename(file, '.json');
  try {
    const fixture = JSON.parse(readFileSync(file, 'utf8')) as Fixture;
    if (fixture && typeof fixture.name === 'string') name = fixture.name;
    // A model with a list of layers is the layer-list (convolutional) format; else the fully connected one.
    const layered = fixture?.model !== null && typeof fixture?.model === 'object' && 'layers' in fixture.model;
    const result = layered ? runConvFixture(fixture as unknown as ConvFixture) : runFixture(fixture);
    console.log(JSON.stringify({ name, result }));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    console.log(JSON.stringify({ name, error: message }));
  }
}
