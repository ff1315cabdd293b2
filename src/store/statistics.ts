// The planner's statistics during a large import. Without them PostgreSQL guesses that a filter
// such as `report_id IN (…90 ids…)` keeps half of a table and scans it whole: a 10,000-file import
// into an empty store slowed from 450 to 90 reports/s as its tables grew. The server's
// autovacuum analyzes a table once a tenth of it changed, but looks only once a minute
// (autovacuum_naptime), and PGlite runs no autovacuum at all; so the import analyzes the tables
// its queries look up by something else than their primary key whenever the reports have doubled
// since it last did.

import { sql } from 'kysely';
import type { Executor } from './bulk.ts';

/** Tables an import's queries read by other columns than their primary key. */
export const IMPORT_LOOKUP_TABLES = ['reports', 'report_versions', 'narrative_bands', 'agencies', 'agency_aliases', 'import_items'] as const;

/** Reports an import stores before it first analyzes (below, whole-table scans cost little). */
export const ANALYZE_FROM_REPORTS = 1000;

export class ImportStatistics {
  /** The reports when the tables were last analyzed (or when the import began), and now; null until counted. */
  #analyzedAt: number | null = null;
  #reports = 0;

  /** `from`: reports stored before the first analysis (ANALYZE_FROM_REPORTS). */
  constructor(readonly from = ANALYZE_FROM_REPORTS) {}

  /**
   * `added` reports were stored; analyzes the lookup tables when the reports have doubled
   * (returns whether it did). The store's reports are counted at the first call: a drain that
   * finds nothing to import (the server polls) costs no query.
   */
  async stored(db: Executor, added: number): Promise<boolean> {
    if (this.#analyzedAt === null) {
      const { n } = await db.selectFrom('reports').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
      this.#reports = Number(n);
      this.#analyzedAt = this.#reports - added;
    } else this.#reports += added;
    if (this.#reports < this.from || this.#reports < 2 * this.#analyzedAt) return false;
    this.#analyzedAt = this.#reports;
    try {
      await sql`ANALYZE ${sql.raw(IMPORT_LOOKUP_TABLES.join(', '))}`.execute(db);
    } catch {
      // Statistics only speed the queries up: an import never fails for want of them (a role that
      // does not own the tables gets a warning from the server, not an error, and goes on too).
      return false;
    }
    return true;
  }
}
