// Registering applications: online filing by a citizen or organisation (receipt number and query
// code at once), staff registering a letter, visit, fax or oral application with its art. 31
// receipt date, and splitting one application into several cases (一事一申请). Every new case
// starts with a `received` action that the domain has accepted.

import type { ActionOf, Applicant, Channel } from '../cases/actions.ts';
import type { WorkCalendar } from '../cases/calendar/work-calendar.ts';
import { appendAction } from '../cases/derive.ts';
import type { Executor } from './bulk.ts';
import { appendCaseAction, ActionRefused } from './case-actions.ts';
import { insertCase, loadCase, newQueryCode, newReceiptNumber } from './cases.ts';
import { newId } from './ids.ts';

export interface Registration {
  agencyId: string;
  channel: Channel;
  /** The day it arrived (signed for, handed in, sent online). */
  on: string;
  confirmedOn?: string | undefined;
  applicant: Applicant;
  request: ActionOf<'received'>['request'];
  handlerId?: string | null | undefined;
  /** Who recorded it (name printed in the record) and their user id (null: the applicant online). */
  by: string;
  userId: string | null;
  source: 'online' | 'staff';
  today: string;
  calendar: WorkCalendar;
  demo?: boolean;
  /** Fixed receipt number and query code (demo data); new random ones otherwise. */
  receiptNumber?: string;
  queryCode?: string;
  note?: string | undefined;
}

export interface Registered {
  id: string;
  receiptNumber: string;
  /** Null for the parts of a split case: they are followed with the original's code. */
  queryCode: string | null;
  receivedOn: string;
  warnings: string[];
}

export async function registerCase(db: Executor, r: Registration): Promise<Registered> {
  const receiptNumber = r.receiptNumber ?? newReceiptNumber(Number(r.on.slice(0, 4)));
  const queryCode = r.queryCode ?? newQueryCode();
  const received: ActionOf<'received'> = {
    type: 'received',
    id: newId(),
    on: r.on,
    by: r.by,
    at: new Date().toISOString(),
    channel: r.channel,
    ...(r.confirmedOn ? { confirmedOn: r.confirmedOn } : {}),
    applicant: r.applicant,
    request: r.request,
    receiptNumber,
    ...(r.note ? { note: r.note } : {}),
  };
  const result = appendAction([], received, r.calendar, { today: r.today });
  if (!result.ok) throw new ActionRefused(result.errors);
  const receivedOn = result.view!.receivedOn ?? r.on;
  const id = await insertCase(db, {
    agencyId: r.agencyId,
    received,
    receivedOn,
    source: r.source,
    handlerId: r.handlerId ?? null,
    createdBy: r.userId,
    queryCode,
    demo: r.demo ?? false,
    warnings: result.warnings,
  });
  return { id, receiptNumber, queryCode, receivedOn, warnings: result.warnings };
}

export interface SplitPart {
  description: string;
  documentNumber?: string | undefined;
}

/**
 * 一事一申请: the case is superseded by one new case per part, each received on the same dates
 * from the same applicant, with receipt numbers of the original's plus -1, -2, … and the
 * original's query code.
 */
export async function splitCase(db: Executor, caseId: string, parts: SplitPart[], opts: { by: string; userId: string | null; on: string; today: string; calendar: WorkCalendar }): Promise<Registered[]> {
  const original = await loadCase(db, caseId);
  if (!original) throw new ActionRefused(['案件不存在']);
  const first = original.actions[0];
  if (first?.type !== 'received') throw new ActionRefused(['案件没有收到申请的记录']);
  const ids = parts.map(() => newId());
  await appendCaseAction(db, caseId, { type: 'split', id: newId(), on: opts.on, by: opts.by, at: new Date().toISOString(), into: ids }, opts);
  const out: Registered[] = [];
  for (const [i, part] of parts.entries()) {
    const receiptNumber = `${original.row.receipt_number}-${i + 1}`;
    const received: ActionOf<'received'> = {
      ...first,
      id: newId(),
      by: opts.by,
      at: new Date().toISOString(),
      request: { ...first.request, description: part.description, ...(part.documentNumber ? { documentNumber: part.documentNumber } : {}) },
      receiptNumber,
      splitFrom: caseId,
    };
    const result = appendAction([], received, opts.calendar, { today: opts.today });
    if (!result.ok) throw new ActionRefused(result.errors);
    const id = await insertCase(db, {
      id: ids[i],
      agencyId: original.row.agency_id,
      received,
      receivedOn: original.row.received_on,
      source: 'split',
      splitFrom: caseId,
      handlerId: original.row.handler_id,
      createdBy: opts.userId,
      queryCode: { hash: original.row.query_code_hash },
      demo: original.row.demo,
      warnings: result.warnings,
    });
    out.push({ id, receiptNumber, queryCode: null, receivedOn: original.row.received_on, warnings: result.warnings });
  }
  return out;
}
