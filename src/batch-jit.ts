// V8's JIT tuned for batch work: many documents through the same parser, in a process or thread
// that lives for one batch (or starts one import after another), where the compiler's warm-up is
// much of the work. One list, used two ways: as command-line options of the CLI's worker
// processes (cli/batch.ts), and set at run time by the import before it starts its parse worker
// (store/parse-pool.ts; V8's options are the process's, so the main thread gets them too).
//
// Of a worker's 3.5 s CPU for 2,000 real-layout texts, 1.3 s went to the optimizing compiler
// (TurboFan: 410 compilations, 580 ms of them recompiling functions optimized before their rarer
// paths had run), and the first texts, still interpreted, cost 8 ms each against 1 ms once warm.
// With these options a process
// - inlines less (a smaller budget per optimized function: less to compile, code barely slower);
// - compiles every function to baseline code at once (Sparkplug: cheap, and twice as fast as the
//   interpreter for the first texts);
// - optimizes a function only after four times V8's default budget of its bytecode has run
//   (fewer functions optimized before their feedback is complete, then thrown away), and without
//   loop peeling (a costly pass that these loops gain little from).
// Measured on 2 cores: `gongkai check`, 2,000 texts in one process, 12% less CPU (median of 10
// alternating pairs; no slower once warm: texts 2,000 to 4,000 cost the same); an import of 1,000
// generated texts into the server, the compiler threads' CPU 1.7 → 1.0 ms per report, 7% more
// reports per second (median of 5 pairs).

import { setFlagsFromString } from 'node:v8';

export const BATCH_JIT_FLAGS: readonly string[] = ['--max-inlined-bytecode-size-cumulative=100', '--always-sparkplug', '--interrupt-budget=270336', '--no-turbo-loop-peeling'];

let set = false;

/**
 * Set BATCH_JIT_FLAGS in this process (once). They steer the compiler's choices from then on
 * (functions compiled before keep their code), in every thread, including worker threads started
 * after.
 */
export function useBatchJit(): void {
  if (set) return;
  set = true;
  setFlagsFromString(BATCH_JIT_FLAGS.join(' '));
}
