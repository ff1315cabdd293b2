// Cases in the database: the case row (agency, applicant, receipt number, hashed query code,
// 承办人) and loading a case or all of an agency's cases with their actions. The `received`
// action is stored without the applicant's personal data (it lives in `applicants`) and gets it
// back here, in memory, so that the domain derives from the whole action.

import { createHash, randomBytes } from 'node:crypto';
import type { Applicant, CaseAction } from '../cases/actions.ts';
import type { CasePolicy } from '../cases/policy.ts';
import type { Executor } from './bulk.ts';
import { policyOf } from './case-settings.ts';
import { newId } from './ids.ts';
import type { ApplicantContact, CasesTable } from './schema.ts';
import type { Selectable } from 'kysely';

export type CaseRow = Selectable<CasesTable>;

export interface StoredCase {
  row: CaseRow;
  applicant: Applicant;
  actions: CaseAction[];
  /** Warnings recorded with each action, by action id. */
  warnings: Record<string, string[]>;
  /** The agency's choices where the rules leave them open (its case settings). */
  policy: CasePolicy;
}

// Letters and digits without look-alikes (0/O, 1/I/L), for codes people type.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

function code(length: number): string {
  return [...randomBytes(length)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** A new receipt number: YSQ + year + 8 characters (unique across the platform). */
export function newReceiptNumber(year: number): string {
  return `YSQ${year}-${code(8)}`;
}

/** A new query code (shown to the applicant once; only its hash is kept). */
export function newQueryCode(): string {
  return code(10);
}

export function hashQueryCode(queryCode: string): string {
  return createHash('sha256').update(queryCode.trim().toUpperCase()).digest('hex');
}

export function splitApplicant(a: Applicant): { type: string; name: string; id_kind: 'resident_id' | 'credit_code' | 'other' | null; id_number: string | null; contact: ApplicantContact } {
  const contact: ApplicantContact = {};
  if (a.contactPerson) contact.contactPerson = a.contactPerson;
  if (a.phone) contact.phone = a.phone;
  if (a.email) contact.email = a.email;
  if (a.address) contact.address = a.address;
  if (a.postcode) contact.postcode = a.postcode;
  return { type: a.type, name: a.name, id_kind: a.idKind ?? null, id_number: a.idNumber ?? null, contact };
}

function joinApplicant(r: { type: string; name: string; id_kind: Applicant['idKind'] | null; id_number: string | null; contact: ApplicantContact }): Applicant {
  return { type: r.type, name: r.name, ...(r.id_kind ? { idKind: r.id_kind } : {}), ...(r.id_number ? { idNumber: r.id_number } : {}), ...r.contact };
}

/** The action as stored: the applicant reduced to its type (the rest is in `applicants`). */
export function storedAction(a: CaseAction): CaseAction {
  return a.type === 'received' ? ({ ...a, applicant: { type: a.applicant.type } } as unknown as CaseAction) : a;
}

export interface NewCase {
  id?: string;
  agencyId: string;
  received: Extract<CaseAction, { type: 'received' }>;
  /** The art. 31 date (derived from the received action by the caller). */
  receivedOn: string;
  source: CasesTable['source'];
  splitFrom?: string | null;
  handlerId?: string | null;
  createdBy: string | null;
  /** The query code, or the hash of an existing one (the parts of a split case keep the original's). */
  queryCode: string | { hash: string };
  demo?: boolean;
  warnings?: string[];
}

/** Insert a case with its applicant and its first action (`received`, already validated). */
export async function insertCase(db: Executor, c: NewCase): Promise<string> {
  const id = c.id ?? newId();
  const applicantId = newId();
  const a = splitApplicant(c.received.applicant);
  await db.insertInto('applicants').values({ id: applicantId, agency_id: c.agencyId, ...a, contact: JSON.stringify(a.contact) }).execute();
  await db
    .insertInto('cases')
    .values({
      id,
      agency_id: c.agencyId,
      applicant_id: applicantId,
      receipt_number: c.received.receiptNumber!,
      query_code_hash: typeof c.queryCode === 'string' ? hashQueryCode(c.queryCode) : c.queryCode.hash,
      source: c.source,
      split_from: c.splitFrom ?? null,
      handler_id: c.handlerId ?? null,
      received_on: c.receivedOn,
      demo: c.demo ?? false,
      created_by: c.createdBy,
    })
    .execute();
  await db
    .insertInto('case_actions')
    .values({ case_id: id, seq: 1, action: JSON.stringify(storedAction(c.received)), warnings: JSON.stringify(c.warnings ?? []), recorded_by: c.createdBy })
    .execute();
  return id;
}

type CaseQueryRow = CaseRow & {
  a_type: string;
  a_name: string;
  a_id_kind: Applicant['idKind'] | null;
  a_id_number: string | null;
  a_contact: ApplicantContact;
  pause_while_awaiting_fee: boolean | null;
  due_soon_working_days: number | null;
};

async function withActions(db: Executor, rows: CaseQueryRow[]): Promise<StoredCase[]> {
  if (!rows.length) return [];
  const acts = await db
    .selectFrom('case_actions')
    .select(['case_id', 'seq', 'action', 'warnings'])
    .where('case_id', 'in', rows.map((r) => r.id))
    .orderBy('case_id')
    .orderBy('seq')
    .execute();
  const byCase = new Map<string, typeof acts>();
  for (const a of acts) {
    let list = byCase.get(a.case_id);
    if (!list) byCase.set(a.case_id, (list = []));
    list.push(a);
  }
  return rows.map((r) => {
    const { a_type, a_name, a_id_kind, a_id_number, a_contact, pause_while_awaiting_fee, due_soon_working_days, ...row } = r;
    const applicant = joinApplicant({ type: a_type, name: a_name, id_kind: a_id_kind, id_number: a_id_number, contact: a_contact });
    const list = byCase.get(r.id) ?? [];
    const warnings: Record<string, string[]> = {};
    const actions = list.map((x) => {
      const action = x.action.type === 'received' ? ({ ...x.action, applicant } as CaseAction) : x.action;
      if (x.warnings.length) warnings[action.id] = x.warnings;
      return action;
    });
    return { row, applicant, actions, warnings, policy: policyOf({ pause_while_awaiting_fee, due_soon_working_days }) };
  });
}

function caseQuery(db: Executor) {
  return db
    .selectFrom('cases as c')
    .innerJoin('applicants as p', 'p.id', 'c.applicant_id')
    .leftJoin('agency_case_settings as s', 's.agency_id', 'c.agency_id')
    .selectAll('c')
    .select(['p.type as a_type', 'p.name as a_name', 'p.id_kind as a_id_kind', 'p.id_number as a_id_number', 'p.contact as a_contact', 's.pause_while_awaiting_fee', 's.due_soon_working_days']);
}

export async function loadCase(db: Executor, id: string): Promise<StoredCase | undefined> {
  const rows = await caseQuery(db).where('c.id', '=', id).execute();
  return (await withActions(db, rows))[0];
}

export async function loadCaseByReceipt(db: Executor, receiptNumber: string): Promise<StoredCase | undefined> {
  const rows = await caseQuery(db).where('c.receipt_number', '=', receiptNumber).execute();
  return (await withActions(db, rows))[0];
}

/** Every case of an agency (optionally only those received by a day), oldest first. */
export async function loadAgencyCases(db: Executor, agencyId: string, opts: { receivedBy?: string } = {}): Promise<StoredCase[]> {
  let q = caseQuery(db).where('c.agency_id', '=', agencyId);
  if (opts.receivedBy) q = q.where('c.received_on', '<=', opts.receivedBy);
  return withActions(db, await q.orderBy('c.received_on').orderBy('c.id').execute());
}

/** Cases of several agencies (reply times across agencies). */
export async function loadCasesOf(db: Executor, agencyIds: string[]): Promise<StoredCase[]> {
  if (!agencyIds.length) return [];
  return withActions(db, await caseQuery(db).where('c.agency_id', 'in', agencyIds).orderBy('c.received_on').orderBy('c.id').execute());
}

/** How many applications the same applicant (by identity number) made to the agency in the month of `day`, this case included (按件 fees count the K-th). */
export async function applicationsInMonth(db: Executor, agencyId: string, idNumber: string, day: string): Promise<number> {
  const month = day.slice(0, 7);
  const r = await db
    .selectFrom('cases as c')
    .innerJoin('applicants as p', 'p.id', 'c.applicant_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('c.agency_id', '=', agencyId)
    .where('p.id_number', '=', idNumber)
    .where('c.received_on', '>=', `${month}-01`)
    .where('c.received_on', '<=', day)
    .where('c.source', '<>', 'split')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
