// Files kept with a case (scans and documents received or sent on paper), byte for byte and
// never changed or deleted (a trigger refuses it, migration 0031). Actions point at them by id.

import { createHash } from 'node:crypto';
import { caseFileKind, type CaseFileKind } from '../cases/files.ts';
import type { Executor } from './bulk.ts';
import { newId } from './ids.ts';

export interface CaseFileInfo {
  id: string;
  name: string;
  kind: CaseFileKind;
  size: number;
  sha256: string;
  uploaded_at: string;
}

/** Sniff (CaseFileRefused when not allowed), then keep. */
export async function addCaseFile(db: Executor, f: { caseId: string; name: string; bytes: Uint8Array; userId: string | null }): Promise<CaseFileInfo> {
  const kind = caseFileKind(f.name, f.bytes);
  const id = newId();
  const sha256 = createHash('sha256').update(f.bytes).digest('hex');
  const row = await db
    .insertInto('case_files')
    .values({ id, case_id: f.caseId, name: f.name, kind, size: f.bytes.length, sha256, bytes: Buffer.from(f.bytes), uploaded_by: f.userId })
    .returning(['uploaded_at'])
    .executeTakeFirstOrThrow();
  return { id, name: f.name, kind, size: f.bytes.length, sha256, uploaded_at: new Date(row.uploaded_at).toISOString() };
}

export async function listCaseFiles(db: Executor, caseId: string): Promise<CaseFileInfo[]> {
  const rows = await db.selectFrom('case_files').select(['id', 'name', 'kind', 'size', 'sha256', 'uploaded_at']).where('case_id', '=', caseId).orderBy('id').execute();
  return rows.map((r) => ({ ...r, kind: r.kind as CaseFileKind, uploaded_at: new Date(r.uploaded_at).toISOString() }));
}

export async function readCaseFile(db: Executor, caseId: string, fileId: string): Promise<(CaseFileInfo & { bytes: Uint8Array }) | undefined> {
  const r = await db.selectFrom('case_files').selectAll().where('id', '=', fileId).where('case_id', '=', caseId).executeTakeFirst();
  if (!r) return undefined;
  return { id: r.id, name: r.name, kind: r.kind as CaseFileKind, size: r.size, sha256: r.sha256, uploaded_at: new Date(r.uploaded_at).toISOString(), bytes: r.bytes };
}

/** The ids among `refs` that are neither a file nor a letter of the case. */
export async function unknownDocumentRefs(db: Executor, caseId: string, refs: string[]): Promise<string[]> {
  if (!refs.length) return [];
  const uuids = refs.filter((r) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(r));
  const known = new Set<string>();
  if (uuids.length) {
    for (const t of ['case_files', 'case_letters'] as const) {
      for (const r of await db.selectFrom(t).select('id').where('case_id', '=', caseId).where('id', 'in', uuids).execute()) known.add(r.id);
    }
  }
  return refs.filter((r) => !known.has(r));
}
