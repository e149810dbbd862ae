// Property tests with a reproducible gate and a separate hunt. Import `fc` and `test` from here, not
// from '@fast-check/vitest':
//
//   npm test            every property runs with its own fixed seed (a hash of its file and full name,
//                       shown in the test's name) and its usual number of runs: the same commit always
//                       gives the same result, and a failure prints the seed and the counterexample.
//   npm run test:fuzz   (NORMSCOPE_FUZZ=1) the same properties with fresh seeds and NORMSCOPE_FUZZ_RUNS
//                       (default 20) times as many runs. A counterexample it finds becomes a named
//                       regression case beside the property (a plain test of that input).
//
// NORMSCOPE_PROP_SEED=N runs every property with seed N (to replay a seed the hunt printed).
//
// `test.prop` is written here on fast-check and Vitest directly, as @fast-check/vitest's is used
// (a tuple of arbitraries, the values spread into the body, "(with seed=N)" in the name). Importing
// @fast-check/vitest 0.5 costs 4-16 s of CPU per test file: its `test` builder walks every ordering of
// Vitest's chain modifiers (skip, only, concurrent, ...), which grew to millions of calls in Vitest 4.1.
import * as fc from 'fast-check';
import { test as vitestTest, TestRunner, type TestAPI } from 'vitest';
import { propertyParams } from './property-params';

export { fc };

/** The file and suites the test being defined sits in, outermost first: "src/x.test.ts > suite > inner". */
function suitePath(): string {
  type Task = { name: string; suite?: Task; file?: Task };
  const collector = TestRunner.getCurrentSuite() as unknown as { suite?: Task; file?: Task };
  const names: string[] = [];
  let task = collector.suite ?? collector.file;
  const file = task?.file ?? task;
  for (; task; task = task.suite) names.unshift(task.name);
  if (file && names[0] !== file.name) names.unshift(file.name);
  return names.join(' > ');
}

type Arbitraries<Ts extends unknown[]> = { [K in keyof Ts]: fc.Arbitrary<Ts[K]> };
type Body<Ts extends unknown[]> = (...values: Ts) => boolean | void | PromiseLike<boolean | void>;
type Prop = <Ts extends [unknown, ...unknown[]]>(arbitraries: Arbitraries<Ts>, params?: fc.Parameters<Ts>) =>
  (testName: string, body: Body<Ts>, timeout?: number) => void;

const prop: Prop = (arbitraries, params) => (testName, body, timeout) => {
  const fixed = propertyParams(`${suitePath()} > ${testName}`, params?.numRuns);
  // a seed the test itself asks for wins (none does today: the gate's seeds come from the names)
  const run = { ...params, ...fixed, ...(params?.seed !== undefined ? { seed: params.seed } : {}) };
  const property = fc.asyncProperty(...arbitraries, async (...values) => { return body(...values); });
  vitestTest(`${testName} (with seed=${run.seed})`, async () => { await fc.assert(property, run); }, timeout);
};

/** Vitest's `test`, with a `prop` whose seed and number of runs follow the rules above. */
export const test = new Proxy(vitestTest, {
  get: (target, key, receiver) => (key === 'prop' ? prop : Reflect.get(target, key, receiver)),
}) as TestAPI & { prop: Prop };
