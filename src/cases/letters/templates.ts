// Letter templates (src/cases/data/letters/*.yaml): the statutory text is locked in the data
// file; a letter only fills its typed slots. Loading checks that every {placeholder} is a
// declared slot (or a shared paragraph), and that the reply letter has a variant per outcome.

import { dataFail, readDataFile } from '../data.ts';
import { outcomeData } from '../outcomes.ts';

export type SlotType = 'text' | 'date' | 'list' | 'integer' | 'yuan';

export interface SlotDef {
  id: string;
  label: string;
  type: SlotType;
  optional?: boolean;
  min?: number;
  max?: number;
}

/** A paragraph of locked text with {slot} placeholders, a numbered list slot, or a paragraph printed only when a slot is filled. */
export type BodyItem = string | { list: string } | { if: string; text: string };

export interface LetterTemplate {
  kind: LetterKind;
  /** The outcome, for a reply letter. */
  variant?: string;
  title: string;
  slots: SlotDef[];
  body: BodyItem[];
}

export const LETTER_KINDS = ['receipt', 'correction', 'extension', 'consultation', 'fee', 'reply'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

/** Paragraphs shared by letters, filled from the agency's profile. */
export interface SharedText {
  remedies: string;
  contact: string;
}
/** Placeholders of the shared paragraphs and the profile fields they need. */
export const SHARED_PLACEHOLDERS = { remedies: ['reviewBody', 'court'], contact: ['contactPerson', 'contactPhone'] } as const;

interface RawTemplate {
  id: string;
  title: string;
  slots: SlotDef[];
  body?: BodyItem[];
  opening?: BodyItem[];
  closing?: BodyItem[];
  variants?: Record<string, { slots?: SlotDef[]; body: BodyItem[] }>;
}

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

export function placeholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
}

function checkTemplate(file: string, t: LetterTemplate): void {
  const ids = new Set(t.slots.map((s) => s.id));
  for (const s of t.slots) if (!['text', 'date', 'list', 'integer', 'yuan'].includes(s.type)) dataFail(file, `槽位 ${s.id} 的类型无效：${s.type}`);
  for (const item of t.body) {
    const texts = typeof item === 'string' ? [item] : 'list' in item ? [] : [item.text];
    const refs = typeof item === 'string' ? placeholders(item) : 'list' in item ? [item.list] : [item.if, ...placeholders(item.text)];
    for (const r of refs) if (!ids.has(r) && !(r in SHARED_PLACEHOLDERS)) dataFail(file, `${t.variant ? `${t.variant}：` : ''}文本引用了未声明的槽位 {${r}}`);
    for (const x of texts) if (x.includes('{remedies}') || x.includes('{contact}')) if (x.trim() !== '{remedies}' && x.trim() !== '{contact}') dataFail(file, '{remedies} 和 {contact} 须单独成段');
    if (typeof item !== 'string' && 'list' in item && t.slots.find((s) => s.id === item.list)?.type !== 'list') dataFail(file, `{list: ${item.list}} 须引用 list 类型的槽位`);
  }
}

let cache: { templates: Map<string, LetterTemplate>; shared: SharedText } | undefined;

function load(): { templates: Map<string, LetterTemplate>; shared: SharedText } {
  if (cache) return cache;
  const shared = readDataFile('letters/common.yaml') as SharedText | null;
  if (!shared?.remedies || !shared.contact) dataFail('letters/common.yaml', '缺少 remedies 或 contact');
  const templates = new Map<string, LetterTemplate>();
  for (const kind of LETTER_KINDS) {
    const file = `letters/${kind}.yaml`;
    const raw = readDataFile(file) as RawTemplate | null;
    if (!raw?.title || !raw.slots || raw.id !== kind) dataFail(file, `缺少 title、slots，或 id 不是 ${kind}`);
    if (raw.variants) {
      for (const o of outcomeData().outcomes) if (!raw.variants[o.id]) dataFail(file, `缺少办理结果 ${o.id}（${o.label}）的答复文本`);
      for (const [variant, v] of Object.entries(raw.variants)) {
        if (!outcomeData().outcomes.some((o) => o.id === variant)) dataFail(file, `答复文本 ${variant} 不对应任何办理结果`);
        const t: LetterTemplate = { kind, variant, title: raw.title, slots: [...raw.slots, ...(v.slots ?? [])], body: [...(raw.opening ?? []), ...v.body, ...(raw.closing ?? [])] };
        checkTemplate(file, t);
        templates.set(`${kind}:${variant}`, t);
      }
    } else {
      if (!raw.body) dataFail(file, '缺少 body');
      const t: LetterTemplate = { kind, title: raw.title, slots: raw.slots, body: raw.body };
      checkTemplate(file, t);
      templates.set(kind, t);
    }
  }
  cache = { templates, shared };
  return cache;
}

export class LetterError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('；'));
  }
}

/** The template of a letter; a reply letter needs its outcome. */
export function letterTemplate(kind: LetterKind, variant?: string): LetterTemplate {
  const { templates } = load();
  if (!LETTER_KINDS.includes(kind)) throw new LetterError([`未知的文书种类：${String(kind)}（可选：${LETTER_KINDS.join('、')}）`]);
  const key = kind === 'reply' ? `reply:${variant ?? ''}` : kind;
  const t = templates.get(key);
  if (!t) throw new LetterError([kind === 'reply' ? `答复告知书须指定办理结果，“${variant ?? ''}”无效` : `没有文书 ${kind}`]);
  return t;
}

export function sharedText(): SharedText {
  return load().shared;
}
