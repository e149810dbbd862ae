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
import { fc, test as fcTest } from '@fast-check/vitest';
import { TestRunner } from 'vitest';
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

type Prop = typeof fcTest.prop;
const prop: Prop = (arbitraries, params) => (testName, body, timeout) => {
  const fixed = propertyParams(`${suitePath()} > ${testName}`, params?.numRuns);
  // a seed the test itself asks for wins (none does today: the gate's seeds come from the names)
  fcTest.prop(arbitraries, { ...params, ...fixed, ...(params?.seed !== undefined ? { seed: params.seed } : {}) })(testName, body, timeout);
};

/** Vitest's `test`, with a `prop` whose seed and number of runs follow the rules above. */
export const test = new Proxy(fcTest, {
  get: (target, key, receiver) => (key === 'prop' ? prop : Reflect.get(target, key, receiver)),
}) as typeof fcTest;
