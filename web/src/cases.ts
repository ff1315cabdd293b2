// Shapes of the case-ledger answers (依申请公开) the pages use, and the words the API gives for
// its ids (GET /api/cases/vocabulary, loaded once). See docs/cases.md and /api/openapi.json.

import { useApi } from './api.ts';

export interface CaseSummary {
  id: string;
  receipt_number: string;
  agency_id: string;
  handler_id: string | null;
  source: string;
  split_from: string | null;
  demo: boolean;
  received_on: string;
  applicant_type: string;
  applicant_type_label: string;
  applicant: string;
  description: string;
  stage: string;
  stage_label: string;
  open: boolean;
  due: string | null;
  due_label: string | null;
  provisional: boolean;
  basis: string[];
  urgency: 'overdue' | 'due_soon' | 'on_track' | 'waiting_applicant' | 'closed';
  urgency_label: string;
  working_days_left: number | null;
  alerts: string[];
  outcome: string | null;
  outcome_label: string | null;
  concluded_on: string | null;
  error_count: number;
}

export interface CaseActionRecord {
  type: string;
  id: string;
  on: string;
  by: string;
  at?: string;
  note?: string;
  label: string;
  warnings: string[];
  [field: string]: unknown;
}

export interface Applicant {
  type: string;
  name: string;
  idKind?: string;
  idNumber?: string;
  contactPerson?: string;
  phone?: string;
  email?: string;
  address?: string;
  postcode?: string;
}

export interface CaseDetail {
  case: CaseSummary;
  applicant: Applicant;
  applicant_masked: boolean;
  actions: CaseActionRecord[];
  voided: { target: string; by: string; reason: string }[];
  problems: { actionId: string | null; severity: 'error' | 'warning'; message: string }[];
  deadline: { due: string; basis: string[]; provisional: boolean } | null;
  correction: { requestedOn: string; dueBy: string; receivedOn?: string } | null;
  consultations: { id: string; party: string; partyName: string; sentOn: string; periodEnds: string; answeredOn?: string; answer?: string }[];
  extension: { approvedOn: string; approver: string; workingDays: number; notifiedOn?: string } | null;
  fee: { method: string; quantity: number; amount: number; sentOn: string; receivedOn: string; payBy: string; paidOn?: string } | null;
  reviews: { recordId: string; kind: string; body: string; filedOn: string; result?: string; decidedOn?: string }[];
  split_into: string[];
  reply_time: { workingDays: number; allowedWorkingDays: number; withinDeadline: boolean; calendarDays: number } | null;
  letters: { id: string; kind: string; variant: string | null; number: string | null; issued_on: string }[];
  may_view_applicant: boolean;
}

export interface Vocabulary {
  outcomes: { id: string; label: string; basis: string; via: string }[];
  review_kinds: { id: string; label: string }[];
  review_results: { id: string; label: string }[];
  channels: { id: string; label: string }[];
  stages: { id: string; label: string }[];
  urgencies: { id: string; label: string }[];
  letters: { kind: string; title: string; variants: { id: string; label: string }[] }[];
}

export interface ApplicationForm {
  applicant_types: { id: string; label: string; organisation: boolean }[];
  id_kinds: Record<string, string>;
}

/** The JSON Schema of one action type, as GET /api/cases/action-schema gives it. */
export interface FieldSchema {
  type?: string;
  title?: string;
  description?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  enum?: string[];
  const?: string;
  anyOf?: FieldSchema[];
  items?: FieldSchema;
  properties?: Record<string, FieldSchema>;
  required?: string[];
}

export interface ActionSchema {
  anyOf: (FieldSchema & { properties: Record<string, FieldSchema> & { type: { const: string } } })[];
}

export const URGENCY_COLORS: Record<string, string> = { overdue: 'red', due_soon: 'orange', on_track: 'green', waiting_applicant: 'blue', closed: 'default' };

export function useVocabulary() {
  return useApi<Vocabulary>('/cases/vocabulary');
}

/** 2025-03-01 → 2025年3月1日 */
export function chineseDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}

/** Today in China (UTC+8), YYYY-MM-DD: the day the server counts in. */
export function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}
