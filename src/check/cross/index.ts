// Checks across reports: pure functions of several reports, one module per rule, beside the
// single-report rules. The store runs them on import and on demand; the library and CLI can too.

import type { RuleMeta } from '../rule.ts';
import { hierarchySumMeta } from './hierarchy-sum.ts';
import { historyCarryOverMeta } from './history-carry-over.ts';
import { historyInForceMeta } from './history-in-force.ts';
import { historyReviewPendingMeta } from './history-review-pending.ts';
import { similarityPeerMeta } from './similarity-peer.ts';
import { similarityPreviousYearMeta } from './similarity-previous-year.ts';

export { historyCarryOver } from './history-carry-over.ts';
export { historyInForce } from './history-in-force.ts';
export { historyReviewPending } from './history-review-pending.ts';
export { hierarchySum, claimsArea } from './hierarchy-sum.ts';
export { similarityPreviousYear } from './similarity-previous-year.ts';
export { similarityPeer } from './similarity-peer.ts';

/** The catalogue entries of the rules across reports, in the order of checks.md. */
export const crossRuleMetas: RuleMeta[] = [
  historyCarryOverMeta,
  historyInForceMeta,
  historyReviewPendingMeta,
  similarityPreviousYearMeta,
  similarityPeerMeta,
  hierarchySumMeta,
];
