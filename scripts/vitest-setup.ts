// Vitest's setup file (runs in every test file's context before it loads): properties written with
// a bare fc.assert get the same rules as test.prop in src/testing/property.ts (a fixed seed in
// `npm test`, fresh seeds and more runs in `npm run test:fuzz`); and, since the unit files of a
// worker share their modules (isolate: false), each file must leave the shared module state as it
// found it (./shared-state.test-support.ts).
import fc from 'fast-check';
import { propertyParams } from '../src/testing/index';
import { expectSharedStateRestored } from './shared-state.test-support';

fc.configureGlobal({ ...fc.readConfigureGlobal(), ...propertyParams('fc.assert') });
expectSharedStateRestored();
