// Checks across reports, run by the store on import and on demand: placeholder until the rules land.

import type { Executor } from './bulk.ts';

export async function crossCheck(_db: Executor, _reportIds: readonly string[]): Promise<void> {}
