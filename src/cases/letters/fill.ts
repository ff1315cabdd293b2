// A letter filled in: the template's locked text with the typed slots checked and written in,
// the agency's shared paragraphs (remedies, contact) from its profile, title, number, agency and
// date — the document the Word and PDF renderers print. Also the slots a case already knows.

import { chineseDate, isIsoDate, type IsoDate } from '../calendar/iso-date.ts';
import type { CaseView } from '../derive.ts';
import { feeSchedule } from '../fees.ts';
import { LetterError, SHARED_PLACEHOLDERS, letterTemplate, sharedText, type LetterKind, type SlotDef } from './templates.ts';

/** The agency's own data that letters print. */
export interface AgencyProfile {
  /** 某某市某某局 */
  name: string;
  /** Where a 行政复议 against this agency is heard (since 2024 mostly the 本级人民政府). */
  reviewBody?: string;
  /** The 人民法院 where a 行政诉讼 is brought. */
  court?: string;
  contactPerson?: string;
  contactPhone?: string;
}

export type SlotValue = string | number | string[];

export interface LetterRequest {
  kind: LetterKind;
  /** The outcome, for a reply letter. */
  variant?: string;
  slots: Record<string, SlotValue | undefined>;
  agency: AgencyProfile;
  issuedOn: IsoDate;
  /** 文号, e.g. 某府办依申请〔2024〕12号. */
  number?: string;
}

export interface LetterParagraph {
  text: string;
  /** Salutation and list items are not indented like body text. */
  role: 'salutation' | 'body' | 'item';
}

export interface LetterDocument {
  kind: LetterKind;
  variant?: string;
  title: string;
  number?: string;
  paragraphs: LetterParagraph[];
  agency: string;
  /** 2024年3月1日 */
  date: string;
}

const MAX_TEXT = 5000;

function slotText(def: SlotDef, value: SlotValue, problems: string[]): string | string[] | undefined {
  const bad = (why: string) => void problems.push(`“${def.label}”${why}`);
  switch (def.type) {
    case 'text':
      if (typeof value !== 'string' || !value.trim()) return bad('应为非空文字');
      if (value.length > MAX_TEXT) return bad(`不能超过 ${MAX_TEXT} 个字`);
      return value.trim();
    case 'date':
      if (typeof value !== 'string' || !isIsoDate(value)) return bad('应为有效日期（年-月-日）');
      return chineseDate(value);
    case 'list':
      if (!Array.isArray(value) || !value.length || value.some((x) => typeof x !== 'string' || !x.trim())) return bad('应为至少一项的文字列表');
      return value.map((x) => x.trim());
    case 'integer':
    case 'yuan': {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return bad('应为非负整数');
      if (def.min !== undefined && value < def.min) return bad(`不能小于 ${def.min}`);
      if (def.max !== undefined && value > def.max) return bad(`不能大于 ${def.max}`);
      return def.type === 'yuan' ? `${value}元` : String(value);
    }
  }
}

function fillText(text: string, values: Map<string, string | string[]>): string {
  return text.replace(/\{([A-Za-z]+)\}/g, (_, id: string) => String(values.get(id) ?? ''));
}

/** The letter filled in; throws LetterError listing every problem (missing slots, bad values, agency data missing). */
export function fillLetter(req: LetterRequest): LetterDocument {
  const t = letterTemplate(req.kind, req.variant);
  const problems: string[] = [];
  const values = new Map<string, string | string[]>();
  for (const def of t.slots) {
    const v = req.slots[def.id];
    if (v === undefined || v === '' || (Array.isArray(v) && !v.length)) {
      if (!def.optional) problems.push(`缺少“${def.label}”`);
      continue;
    }
    const text = slotText(def, v, problems);
    if (text !== undefined) values.set(def.id, text);
  }
  for (const k of Object.keys(req.slots)) if (!t.slots.some((s) => s.id === k) && req.slots[k] !== undefined) problems.push(`${t.title}没有“${k}”这一项`);
  if (!req.agency.name?.trim()) problems.push('缺少机关名称');
  if (!isIsoDate(req.issuedOn)) problems.push(`成文日期“${req.issuedOn}”无效`);

  const shared = sharedText();
  const profile = req.agency as unknown as Record<string, string | undefined>;
  const paragraphs: LetterParagraph[] = [];
  for (const item of t.body) {
    if (typeof item !== 'string' && 'list' in item) {
      const list = values.get(item.list);
      if (Array.isArray(list)) list.forEach((x, i) => paragraphs.push({ text: `${i + 1}. ${x}`, role: 'item' }));
      continue;
    }
    if (typeof item !== 'string' && !values.has(item.if)) continue;
    const text = typeof item === 'string' ? item : item.text;
    const key = text.trim().slice(1, -1);
    if (key in SHARED_PLACEHOLDERS) {
      const needed = SHARED_PLACEHOLDERS[key as keyof typeof SHARED_PLACEHOLDERS];
      const missing = needed.filter((f) => !profile[f]?.trim());
      if (missing.length) {
        problems.push(
          key === 'remedies'
            ? '本机关的救济途径未设置：请在机关设置中填写受理行政复议的机关（2024年起多为本级人民政府）和受理行政诉讼的人民法院'
            : '本机关的联系人和联系电话未设置',
        );
        continue;
      }
      const own = new Map(needed.map((f) => [f, profile[f]!.trim()] as [string, string]));
      paragraphs.push({ text: fillText(shared[key as keyof typeof shared], own), role: 'body' });
      continue;
    }
    const filled = fillText(text, values);
    paragraphs.push({ text: filled, role: paragraphs.length === 0 && filled.endsWith('：') ? 'salutation' : 'body' });
  }
  if (problems.length) throw new LetterError(problems);
  return {
    kind: t.kind,
    ...(t.variant ? { variant: t.variant } : {}),
    title: t.title,
    ...(req.number ? { number: req.number } : {}),
    paragraphs,
    agency: req.agency.name.trim(),
    date: chineseDate(req.issuedOn),
  };
}

/**
 * The slots of a letter that a case already knows (the rest are for the clerk to write). A reply
 * letter is for the case's outcome unless `variant` names another.
 */
export function slotsFromCase(view: CaseView, kind: LetterKind, variant = view.outcome): Record<string, SlotValue> {
  const wanted = new Set(letterTemplate(kind, kind === 'reply' ? variant : undefined).slots.map((s) => s.id));
  const out: Record<string, SlotValue> = {};
  const r = view.received;
  if (r) {
    out.applicant = r.applicant.name;
    out.description = r.request.description;
    if (r.receiptNumber) out.receiptNumber = r.receiptNumber;
  }
  if (view.receivedOn) out.receivedOn = view.receivedOn;
  if (view.deadline) out.dueOn = view.deadline.due;
  const c = view.correction;
  if (c) {
    out.correctionOn = c.requestedOn;
    out.dueBy = c.dueBy;
    const action = view.actions.find((a) => a.type === 'correction_requested');
    if (action?.type === 'correction_requested') out.items = action.items;
  }
  if (view.extension) {
    out.workingDays = view.extension.workingDays;
    if (view.deadline) out.newDueOn = view.deadline.due;
    const action = view.actions.find((a) => a.type === 'extension_approved');
    if (action?.type === 'extension_approved') out.reason = action.reason;
  }
  const f = view.fee;
  if (f) {
    const m = feeSchedule().methods[f.method];
    out.method = m.label;
    out.calculation = `${f.method === 'per_application' ? '本自然月第' : '共'} ${f.quantity} ${m.unit}`;
    out.amount = f.amount;
    out.noticeOn = f.sentOn;
    out.payBy = f.payBy;
  }
  if (view.outcome === 'withdrawn' && view.concludedOn) out.withdrawnOn = view.concludedOn;
  if (kind === 'consultation' && view.consultations.length) {
    const last = view.consultations[view.consultations.length - 1];
    out.party = last.partyName;
    out.replyBy = last.periodEnds;
    if (r) out.information = r.request.description;
  }
  return Object.fromEntries(Object.entries(out).filter(([k]) => wanted.has(k)));
}
