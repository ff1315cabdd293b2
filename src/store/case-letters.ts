// Letters of a case: the template (locked text) and the slots as the clerk filled them, kept so
// that the same letter can be printed again to Word or PDF. A letter is checked by filling it
// before it is kept (every slot, the agency's remedies paragraph).

import type { LetterKind } from '../cases/letters/templates.ts';
import { fillLetter, type LetterDocument, type SlotValue } from '../cases/letters/fill.ts';
import type { Executor } from './bulk.ts';
import { agencyProfile } from './case-settings.ts';
import { newId } from './ids.ts';

export interface NewLetter {
  caseId: string;
  agencyId: string;
  kind: LetterKind;
  variant?: string | undefined;
  number?: string | undefined;
  slots: Record<string, SlotValue>;
  issuedOn: string;
  userId: string | null;
}

/** Fill (throws LetterError with every problem), then keep. */
export async function createLetter(db: Executor, l: NewLetter): Promise<{ id: string; letter: LetterDocument }> {
  const letter = fillLetter({
    kind: l.kind,
    ...(l.variant ? { variant: l.variant } : {}),
    slots: l.slots,
    agency: await agencyProfile(db, l.agencyId),
    issuedOn: l.issuedOn,
    ...(l.number ? { number: l.number } : {}),
  });
  const id = newId();
  await db
    .insertInto('case_letters')
    .values({ id, case_id: l.caseId, kind: l.kind, variant: l.variant ?? null, number: l.number ?? null, slots: JSON.stringify(l.slots), issued_on: l.issuedOn, created_by: l.userId })
    .execute();
  return { id, letter };
}

export async function listLetters(db: Executor, caseId: string) {
  return db.selectFrom('case_letters').select(['id', 'kind', 'variant', 'number', 'issued_on', 'created_at']).where('case_id', '=', caseId).orderBy('id').execute();
}

/** A kept letter filled again (with the agency's current remedies and contact). */
export async function loadLetter(db: Executor, caseId: string, letterId: string, agencyId: string): Promise<LetterDocument | undefined> {
  const r = await db.selectFrom('case_letters').selectAll().where('id', '=', letterId).where('case_id', '=', caseId).executeTakeFirst();
  if (!r) return undefined;
  return fillLetter({
    kind: r.kind as LetterKind,
    ...(r.variant ? { variant: r.variant } : {}),
    slots: r.slots as Record<string, SlotValue>,
    agency: await agencyProfile(db, agencyId),
    issuedOn: r.issued_on,
    ...(r.number ? { number: r.number } : {}),
  });
}
