// Checks across reports, as pure functions, with expectations worked out by hand.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hierarchySum, historyCarryOver, historyInForce, historyReviewPending, similarityPeer, similarityPreviousYear } from '../src/check/cross/index.ts';
import { bandKeys, compare, prepare, templateShare } from '../src/check/similarity.ts';
import { rule } from '../src/check/index.ts';
import { baseReport, sectionText, setCell, setRow } from './support/reports.ts';

test('history.carry_over: this year’s 上年结转 against last year’s 结转下年度, per column', () => {
  const prev = baseReport('2021', 2022);
  setRow(prev, 'carried_forward', [3, 1, 0, 0, 0, 0, 4]);
  const cur = baseReport('2021', 2023);
  setRow(cur, 'carried_over', [2, 1, 0, 0, 0, 0, 3]);
  const ds = historyCarryOver(cur, prev);
  // 自然人 2 vs 3, 总计 3 vs 4; 商业企业 1 = 1.
  assert.deepEqual(ds.map((d) => d.cells), [['applications.carried_over.natural_person'], ['applications.carried_over.total']]);
  assert.match(ds[0].message, /本年上年结转为2，而2022年度报告的结转下年度为3，相差1/);
  assert.equal(ds[0].severity, 'warning');
  // Not consecutive years: nothing to compare.
  assert.deepEqual(historyCarryOver(baseReport('2021', 2024), prev), []);
});

test('history.carry_over holds across the 2020 → 2021 format change', () => {
  const prev = baseReport('2019', 2020);
  setRow(prev, 'carried_forward', [5, 0, 0, 0, 0, 0, 5]);
  const cur = baseReport('2021', 2021);
  setRow(cur, 'carried_over', [5, 0, 0, 0, 0, 0, 5]);
  assert.deepEqual(historyCarryOver(cur, prev), []);
  setRow(cur, 'carried_over', [0, 0, 0, 0, 0, 0, 0]);
  assert.equal(historyCarryOver(cur, prev).length, 2);
});

test('history.in_force: last year’s 现行有效 + 制发 − 废止 against this year’s', () => {
  const prev = baseReport('2021', 2022);
  setCell(prev, 'active.regulations.in_force', 10);
  setCell(prev, 'active.normative_documents.in_force', 40);
  const cur = baseReport('2021', 2023);
  setCell(cur, 'active.regulations.issued', 2);
  setCell(cur, 'active.regulations.repealed', 1);
  setCell(cur, 'active.regulations.in_force', 12); // 10 + 2 − 1 = 11
  setCell(cur, 'active.normative_documents.issued', 5);
  setCell(cur, 'active.normative_documents.repealed', 3);
  setCell(cur, 'active.normative_documents.in_force', 42); // 40 + 5 − 3 = 42
  const ds = historyInForce(cur, prev);
  assert.equal(ds.length, 1);
  assert.deepEqual(ds[0].cells, ['active.regulations.in_force']);
  assert.match(ds[0].message, /=11，本年报告为12，相差1/);
  // 2020 (对外公开总数量) and 2021 (现行有效件数) measure different things: not compared.
  assert.deepEqual(historyInForce(cur, baseReport('2019', 2022)), []);
});

test('history.review_pending: last year’s pending cases must show up this year', () => {
  const prev = baseReport('2021', 2022);
  setCell(prev, 'review_litigation.review.pending', 2);
  setCell(prev, 'review_litigation.review.total', 2);
  const cur = baseReport('2021', 2023);
  setCell(cur, 'review_litigation.review.upheld', 1);
  setCell(cur, 'review_litigation.review.total', 1);
  const ds = historyReviewPending(cur, prev);
  assert.equal(ds.length, 1);
  assert.match(ds[0].message, /尚未审结2件，本年总计仅1件/);
  setCell(cur, 'review_litigation.review.total', 2);
  assert.deepEqual(historyReviewPending(cur, prev), []);
});

test('hierarchy.sum: a government claiming its whole area against its departments’ sum', () => {
  const gov = baseReport('2021', 2023);
  setRow(gov, 'new_received', [5, 0, 0, 0, 0, 0, 5]);
  const d1 = baseReport('2021', 2023);
  setRow(d1, 'new_received', [3, 0, 0, 0, 0, 0, 3]);
  const d2 = baseReport('2021', 2023);
  setRow(d2, 'new_received', [4, 0, 0, 0, 0, 0, 4]);
  // No claim to cover the area: nothing to compare.
  assert.deepEqual(hierarchySum(gov, [d1, d2]), []);
  sectionText(gov, 'overview', '2023年，全县共收到政府信息公开申请5件。');
  const ds = hierarchySum(gov, [d1, d2], 1);
  assert.equal(ds.length, 1);
  assert.deepEqual(ds[0].cells, ['applications.new_received.total']);
  assert.match(ds[0].message, /为5，少于所属2个部门同年度报告之和7（另有1个部门没有该年度报告）/);
});

// Three passages with no 8 characters in common between them.
const X =
  '我局坚持把政务公开作为转变政府职能的重要抓手，围绕生态环境保护中心工作，重点公开了排污许可、环境影响评价审批、建设项目竣工环境保护验收等事项，全年组织专题培训四次，覆盖全体干部职工。';
const Y = '下一步，将进一步加强基层站所人员配备，推动公开事项标准化规范化建设，把群众关心的噪声扰民、油烟污染等问题的处理结果及时向社会公布，接受群众监督。';
const Z = '同时，本单位积极拓展新媒体传播渠道，开通官方微博和微信公众号，结合六五环境日开展线上有奖问答活动，吸引近万名市民参与，取得了良好的社会反响。';

function withNarrative(year: number, text: string) {
  const r = baseReport('2021', year);
  sectionText(r, 'overview', text);
  return r;
}

test('similarity: share of repeated text after the template, computed by hand', () => {
  const a = prepare(withNarrative(2023, X + Y));
  const b = prepare(withNarrative(2022, X + Z));
  const c = compare(a, b);
  // Every character of X is covered by shingles B has; none of Y is.
  const lettersX = [...X].filter((ch) => /[\p{L}\p{N}]/u.test(ch)).length;
  const lettersY = [...Y].filter((ch) => /[\p{L}\p{N}]/u.test(ch)).length;
  assert.equal(c.chars, lettersX + lettersY);
  assert.equal(c.share, lettersX / (lettersX + lettersY));
  assert.equal(c.passages.length, 1);
  assert.equal(c.passages[0].text, X.slice(0, X.length - 1)); // up to the last letter (the final 。 is not compared)
  assert.equal(c.passages[0].otherStart, 0);
});

test('similarity.previous_year: a narrative copied with new numbers is reported; the template alone is not', () => {
  const last = withNarrative(2022, `${X}全年共收到申请12件。${Y}`);
  const now = withNarrative(2023, `${X}全年共收到申请30件。${Y}`);
  const ds = similarityPreviousYear(prepare(now), prepare(last), 2022);
  assert.equal(ds.length, 1);
  assert.match(ds[0].message, /100%与2022年度报告相同/);
  assert.match(ds[0].message, /相同段落1处/);
  // Two reports that share only the format's fixed wording.
  const stock = '本报告根据《中华人民共和国政府信息公开条例》编制。本报告所列数据的统计期限自2023年1月1日起至2023年12月31日止。';
  const p = prepare(withNarrative(2023, stock + X));
  const q = prepare(withNarrative(2022, stock + Z));
  assert.deepEqual(similarityPreviousYear(p, q, 2022), []);
  assert.ok(templateShare(p) > 0.2, 'the stock sentences count as template');
  assert.equal(rule('similarity.previous_year')?.meta.severity, 'warning');
});

test('similarity.peer and its candidates: identical narratives share MinHash bands, unrelated ones do not', () => {
  const a = prepare(withNarrative(2023, X + Y));
  const b = prepare(withNarrative(2023, X + Y));
  const z = prepare(withNarrative(2023, Z + Z.split('').reverse().join('')));
  assert.deepEqual(bandKeys(a), bandKeys(b));
  const shared = bandKeys(a).filter((k, i) => bandKeys(z)[i] === k);
  assert.deepEqual(shared, []);
  const ds = similarityPeer(a, b, '某某县财政局', 2023);
  assert.equal(ds.length, 1);
  assert.match(ds[0].message, /100%与某某县财政局2023年度报告相同/);
  assert.deepEqual(similarityPeer(a, z, '某某县财政局', 2023), []);
});
