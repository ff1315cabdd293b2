// The report's own facts, step by step (src/parse/meta.ts): the title, the agency that compiled
// the report, the signature, a 发布时间 line, the statistics period, and the year and name the
// body mentions most — each a function of the report's lines.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { agencyCompiling, datedLine, findTitle, mostMentionedYear, mostNamedAgency, readMeta, readSignature, statisticsPeriodYear, type Line, type ReportMeta } from '../src/parse/meta.ts';

const lines = (...texts: string[]): Line[] => texts.map((text, i) => ({ block: i, line: i + 1, text }));
const emptyMeta = (): ReportMeta => ({ agency: null, year: null, published: null, origin: {}, titleBlocks: [], signatureBlocks: [], chromeBlocks: [] });

describe('报告的基本信息，逐步', () => {
  it('findTitle：提到“报告”的短行；折成两行的标题连同上一行', () => {
    assert.deepEqual(findTitle(lines('首页 > 政务公开', '某市财政局2023年政府信息公开工作年度报告', '一、总体情况')).map((l) => l.line), [2]);
    assert.deepEqual(findTitle(lines('某市财政局', '2023年政府信息公开工作年度报告')).map((l) => l.line), [1, 2]);
    assert.deepEqual(findTitle(lines('本报告由某局编制。全文如下。')), []);
  });

  it('agencyCompiling：正文“由……编制”', () => {
    assert.equal(agencyCompiling(lines('本报告根据《条例》要求，由某县生态环境局编制。'))?.agency, '某县生态环境局');
    assert.equal(agencyCompiling(lines('本报告由我们编制。')), null);
  });

  it('readSignature：末尾的机关名称和日期', () => {
    const meta = emptyMeta();
    readSignature(meta, lines('正文……', '某县市场监督管理局', '2024年1月20日'));
    assert.equal(meta.agency, '某县市场监督管理局');
    assert.equal(meta.published, '2024-01-20');
    assert.deepEqual(meta.signatureBlocks.sort(), [1, 2]);
  });

  it('datedLine：“发布时间：”行', () => {
    assert.equal(datedLine(lines('发布时间：2024-01-15 09:30'))?.published, '2024-01-15');
  });

  it('statisticsPeriodYear：统计期限自某年1月1日至同年12月31日', () => {
    assert.equal(statisticsPeriodYear(lines('本报告所列数据的统计期限自2022年1月1日起至2022年12月31日止。'))?.year, 2022);
    assert.equal(statisticsPeriodYear(lines('统计期限自2022年1月1日起至2023年12月31日止。')), null);
  });

  it('mostMentionedYear：正文提到最多的年份（至少两次，不计文号）', () => {
    assert.equal(mostMentionedYear(lines('2023年，我局……', '2023年全年……', '依据〔2021〕5号文件，2021年……'))?.year, 2023);
    assert.equal(mostMentionedYear(lines('2023年，我局……')), null);
  });

  it('mostNamedAgency：句首最常出现的机关名称', () => {
    assert.equal(mostNamedAgency(lines('一年来。叶集生态环境分局认真落实……', '。叶集生态环境分局加强……'))?.agency, '叶集生态环境分局');
  });

  it('readMeta：各处的信息按先后取用，并记下来源', () => {
    const blocks = ['某县财政局2023年政府信息公开工作年度报告', '一、总体情况', '正文。', '某县财政局', '2024年1月10日'].map((text, i) => ({ type: 'paragraph' as const, text, line: i + 1 }));
    const meta = readMeta(blocks, () => false, 1);
    assert.equal(meta.agency, '某县财政局');
    assert.equal(meta.origin.agency?.via, 'title');
    assert.equal(meta.year, 2023);
    assert.equal(meta.published, '2024-01-10');
    assert.equal(meta.origin.published?.via, 'signature');
  });
});
