// The letters of a case: every template (and a reply letter per outcome) filled from typed slots,
// the statutory text unchanged by what is typed, the remedies paragraph from the agency's data,
// hostile text printed as text, and the Word and PDF files as a reader opens them.

import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { createRequire } from 'node:module';
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { WorkCalendar } from '../src/cases/calendar/work-calendar.ts';
import { deriveCase } from '../src/cases/derive.ts';
import { renderLetterDocx, renderLetterPdf } from '../src/cases/index.ts';
import { fillLetter, slotsFromCase, type AgencyProfile, type SlotValue } from '../src/cases/letters/fill.ts';
import { renderLetterHtml } from '../src/cases/letters/html.ts';
import { LETTER_KINDS, LetterError, letterTemplate, type SlotDef } from '../src/cases/letters/templates.ts';
import { outcomeIds } from '../src/cases/outcomes.ts';
import { closeBrowser } from '../src/render/browser.ts';
import { act, received } from './support/cases.ts';

const AGENCY: AgencyProfile = { name: '某市生态环境局', reviewBody: '某市人民政府', court: '某区人民法院', contactPerson: '王五', contactPhone: '0571-12345678' };

function sample(def: SlotDef): SlotValue {
  switch (def.type) {
    case 'date':
      return '2024-03-01';
    case 'list':
      return ['申请人身份证明', '所需信息的名称或文号'];
    case 'integer':
      return def.max ?? 10;
    case 'yuan':
      return 1700;
    default:
      return `【${def.label}】`;
  }
}

const samples = (kind: (typeof LETTER_KINDS)[number], variant?: string) => Object.fromEntries(letterTemplate(kind, variant).slots.map((s) => [s.id, sample(s)]));

describe('letter templates', () => {
  const all = [...LETTER_KINDS.filter((k) => k !== 'reply').map((k) => [k, undefined] as const), ...outcomeIds().map((o) => ['reply', o] as const)];
  for (const [kind, variant] of all) {
    it(`fills ${kind}${variant ? ` (${variant})` : ''} from its slots`, () => {
      const letter = fillLetter({ kind, ...(variant ? { variant } : {}), slots: samples(kind, variant), agency: AGENCY, issuedOn: '2024-03-05', number: '某环依申请〔2024〕7号' });
      const text = letter.paragraphs.map((p) => p.text).join('\n');
      assert.doesNotMatch(text, /\{[A-Za-z]+\}/, 'no placeholder left');
      for (const s of letterTemplate(kind, variant).slots) if (s.type === 'text') assert.ok(text.includes(`【${s.label}】`), s.label);
      assert.equal(letter.date, '2024年3月5日');
      if (kind === 'reply') assert.match(text, /自收到本答复之日起六十日内向某市人民政府申请行政复议，也可以自收到本答复之日起六个月内向某区人民法院提起行政诉讼/);
    });
  }

  it('keeps the statutory text: 补正 letter cites art. 30 and lists the items', () => {
    const letter = fillLetter({ kind: 'correction', slots: samples('correction'), agency: AGENCY, issuedOn: '2024-03-05' });
    const text = letter.paragraphs.map((p) => p.text);
    assert.equal(letter.title, '政府信息公开申请补正告知书');
    assert.deepEqual(letter.paragraphs[0], { text: '【申请人】：', role: 'salutation' });
    assert.ok(text.some((t) => t.includes('根据《中华人民共和国政府信息公开条例》第三十条的规定')));
    assert.deepEqual(letter.paragraphs.filter((p) => p.role === 'item').map((p) => p.text), ['1. 申请人身份证明', '2. 所需信息的名称或文号']);
    assert.ok(text.some((t) => t.includes('请于2024年3月1日前将补正后的申请提交本机关')));
  });

  it('refuses missing, unknown and mistyped slots, listing them all in Chinese', () => {
    try {
      fillLetter({ kind: 'extension', slots: { applicant: '张三', workingDays: 25, newDueOn: '2024-02-30', extra: 'x' }, agency: AGENCY, issuedOn: '2024-03-05' });
      assert.fail('should refuse');
    } catch (e) {
      assert.ok(e instanceof LetterError);
      assert.deepEqual(e.problems, ['缺少“收到申请日期”', '缺少“受理编号”', '缺少“延期理由”', '“延长的工作日数”不能大于 20', '“延长后的答复期限”应为有效日期（年-月-日）', '政府信息公开申请延期答复告知书没有“extra”这一项']);
    }
    assert.throws(() => fillLetter({ kind: 'reply', slots: {}, agency: AGENCY, issuedOn: '2024-03-05' }), /须指定办理结果/);
  });

  it('will not print a reply without the agency’s remedies bodies', () => {
    const { reviewBody: _r, ...noReview } = AGENCY;
    assert.throws(
      () => fillLetter({ kind: 'reply', variant: 'granted', slots: samples('reply', 'granted'), agency: noReview, issuedOn: '2024-03-05' }),
      /救济途径未设置.*本级人民政府/,
    );
  });

  it('fills what the case knows', () => {
    const cal = WorkCalendar.shipped();
    const view = deriveCase(
      [received('2024-03-04'), act('correction_requested', '2024-03-06', { items: ['请写明文件名称'], dueBy: '2024-03-20' })],
      cal,
      { asOf: '2024-03-06' },
    );
    const slots = slotsFromCase(view, 'correction');
    assert.deepEqual(slots, { applicant: '张三', receivedOn: '2024-03-04', items: ['请写明文件名称'], dueBy: '2024-03-20' });
    const letter = fillLetter({ kind: 'correction', slots: { ...slots, receiptNumber: '2024-0001' }, agency: AGENCY, issuedOn: '2024-03-06' });
    assert.ok(letter.paragraphs.some((p) => p.text.includes('本机关于2024年3月4日收到您（单位）提出的政府信息公开申请（受理编号：2024-0001）')));
  });
});

const hostile = () =>
  fillLetter({ kind: 'receipt', slots: { ...samples('receipt'), applicant: '<script>alert(1)</script>&"李四"' }, agency: AGENCY, issuedOn: '2024-03-05', number: '某环依申请〔2024〕7号' });

describe('letter files', () => {
  after(() => closeBrowser());

  it('prints hostile text as text in the web page', () => {
    const html = renderLetterHtml(hostile());
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;李四&quot;：'));
    assert.ok(!html.includes('<script>'));
  });

  it('writes a Word document with the title, 文号, text and signature', async () => {
    const bytes = await renderLetterDocx(hostile());
    const xml = strFromU8(unzipSync(bytes)['word/document.xml']);
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');
    assert.match(text, /^政府信息公开申请受理回执\|某环依申请〔2024〕7号\|&lt;script&gt;alert\(1\)&lt;\/script&gt;&amp;&quot;李四&quot;：\|/);
    assert.match(text, /本机关将在收到申请之日起20个工作日内，即2024年3月1日前作出答复/);
    assert.match(text, /\|某市生态环境局\|2024年3月5日$/);
  });

  it('prints a PDF whose text layer reads as the letter', async () => {
    const require = createRequire(import.meta.url);
    const pdfjs = (await import(require.resolve('pdfjs-dist/legacy/build/pdf.mjs'))) as typeof PdfJsModule;
    await import(require.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs'));
    const bytes = await renderLetterPdf(fillLetter({ kind: 'reply', variant: 'granted', slots: samples('reply', 'granted'), agency: AGENCY, issuedOn: '2024-03-05' }));
    const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
    let text = '';
    for (let i = 1; i <= doc.numPages; i++) text += (await (await doc.getPage(i)).getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join('');
    await doc.destroy();
    text = text.replace(/\s+/g, '');
    for (const part of ['政府信息公开申请答复告知书', '【申请人】：', '第三十六条第（二）项', '向某市人民政府申请行政复议', '某市生态环境局', '2024年3月5日']) assert.ok(text.includes(part), part);
  });
});
