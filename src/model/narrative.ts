// Loads narrative.yaml: how narratives state table quantities (for the narrative.* rules).

import { parseYamlFile } from './data-file.ts';
import type { CellDef, Format } from './types.ts';

const FILE = new URL('../../src/model/narrative.yaml', import.meta.url);

export interface Claim {
  id: string;
  what: string;
  keywords: string[];
  patterns: RegExp[];
  unless?: RegExp | undefined;
  accept: string[][];
}

export interface Contradiction {
  id: string;
  says: string;
  patterns: RegExp[];
  unless?: RegExp | undefined;
  whenPositive: string[];
}

interface Raw {
  claims: { id: string; what: string; keywords: string[]; patterns: string[]; unless?: string; accept: string[][] }[];
  contradictions: { id: string; says: string; patterns: string[]; unless?: string; when_positive: string[] }[];
}

/** A claim with the sums it accepts as the cells of one format (sums naming cells the format lacks are left out). */
export interface FormatClaim {
  claim: Claim;
  sums: CellDef[][];
}

let cache: { claims: Claim[]; contradictions: Contradiction[] } | undefined;
/** The claims by format id, resolved against each format's cells once. */
const claimsOfFormat = new Map<string, FormatClaim[]>();

/** Each claim with its accepted sums as the cells of `format`. */
export function formatClaims(format: Format): FormatClaim[] {
  let list = claimsOfFormat.get(format.id);
  if (!list) {
    list = narrativeModel().claims.map((claim) => ({
      claim,
      sums: claim.accept.filter((sum) => sum.every((a) => format.cell(a))).map((sum) => sum.map((a) => format.cell(a)!)),
    }));
    claimsOfFormat.set(format.id, list);
  }
  return list;
}

export function narrativeModel(): { claims: Claim[]; contradictions: Contradiction[] } {
  if (!cache) {
    const raw = parseYamlFile(FILE) as Raw;
    cache = {
      claims: raw.claims.map((c) => ({
        id: c.id,
        what: c.what,
        keywords: c.keywords,
        patterns: c.patterns.map((p) => new RegExp(p, 'g')),
        unless: c.unless ? new RegExp(c.unless) : undefined,
        accept: c.accept,
      })),
      contradictions: raw.contradictions.map((c) => ({
        id: c.id,
        says: c.says,
        patterns: c.patterns.map((p) => new RegExp(p)),
        unless: c.unless ? new RegExp(c.unless) : undefined,
        whenPositive: c.when_positive,
      })),
    };
  }
  return cache;
}
