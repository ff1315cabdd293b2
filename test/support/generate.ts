// The report generator lives in src/demo/generate.ts (the demo corpus uses it); tests also draw
// its reports through fast-check, so that counterexamples shrink.

import type fc from 'fast-check';
import { generateWith, type GeneratedReport, type GenerateOptions } from '../../src/demo/generate.ts';
import { arbitraryOf } from './random.ts';

export * from '../../src/demo/generate.ts';

/** fast-check arbitrary of reports. */
export function reportArbitrary(options: GenerateOptions = {}): fc.Arbitrary<GeneratedReport> {
  return arbitraryOf((src) => generateWith(src, options));
}
