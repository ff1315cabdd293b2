// Markdown: headings and pipe tables a person can read, and that Gongkai's text reader reads back
// to the same tables (seeds, and generated reports of both formats).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { getFormat, parseFile, parseText, type Report } from '../src/index.ts';
import { markdownCell, markdownParagraph, renderMarkdown } from '../src/render/markdown.ts';
import { reportArbitrary, sampleReport } from './support/render-reports.ts';
import { seedPath } from './support/seeds.ts';

/** Every cell of the format's tables, value and status, in order. */
function tablesOf(r: Report) {
  return getFormat(r.format).addresses.map((a) => {
    const [t, row, col] = a.split('.');
    return [a, r.tables[t]?.[row]?.[col] ?? null];
  });
}

describe('Markdown 转义', () => {
  it('单元格：竖线转义、换行并为空格', () => {
    assert.equal(markdownCell('a|b'), 'a\\|b');
    assert.equal(markdownCell('第一行\n第二行'), '第一行 第二行');
    assert.equal(markdownCell('a\\|b'), 'a\\\\\\|b');
  });

  it('机关名称和正文里的 HTML、链接、图片都原样显示为文字，不能执行', () => {
    assert.equal(markdownParagraph('某局<script>alert(1)</script>'), '某局&lt;script&gt;alert(1)&lt;/script&gt;');
    assert.equal(markdownParagraph('<img src=x onerror=alert(1)>'), '&lt;img src=x onerror=alert(1)&gt;');
    assert.equal(markdownParagraph('<iframe src="https://x"></iframe>'), '&lt;iframe src="https://x"&gt;&lt;/iframe&gt;');
    assert.equal(markdownParagraph('[点击](javascript:alert(1))'), '\\[点击\\](javascript:alert(1))');
    assert.equal(markdownParagraph('![x](javascript:alert(1))'), '!\\[x\\](javascript:alert(1))');
    assert.equal(markdownCell('<b>1</b>|2'), '&lt;b&gt;1&lt;/b&gt;\\|2');
    const r = sampleReport('2021');
    r.agency = '某局<script>alert(1)</script>';
    const md = renderMarkdown(r);
    assert.ok(!md.includes('<script>'), md.slice(0, 200));
  });

  it('段落：行首不会被当作标题、引用或列表', () => {
    assert.equal(markdownParagraph('# 不是标题'), '\\# 不是标题');
    assert.equal(markdownParagraph('> 不是引用'), '&gt; 不是引用');
    assert.equal(markdownParagraph('1. 不是列表'), '1\\. 不是列表');
    assert.equal(markdownParagraph('- 不是列表'), '\\- 不是列表');
    assert.equal(markdownParagraph('（一）主动公开'), '（一）主动公开');
  });
});

describe('Markdown 版式', () => {
  it('标题用 #，部分用 ##，表格为竖线表格，署名在末尾', async () => {
    const md = renderMarkdown(await parseFile(seedPath('002')));
    const lines = md.split('\n');
    assert.equal(lines[0], '# 阜新市生态环境局2022年政府信息公开工作年度报告');
    assert.deepEqual(
      lines.filter((l) => l.startsWith('## ')),
      ['## 一、总体情况', '## 二、主动公开政府信息情况', '## 三、收到和处理政府信息公开申请情况', '## 四、政府信息公开行政复议、行政诉讼情况', '## 五、存在的主要问题及改进情况', '## 六、其他需要报告的事项'],
    );
    // 表三's header: the note, then 申请人情况 over the applicant columns (merged positions blank)
    assert.ok(lines.includes('| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） |  |  | 申请人情况 |  |  |  |  |  |  |'));
    assert.ok(lines.some((l) => /^\| 一、本年新收政府信息公开申请数量 \| {2}\| {2}\|( \d+ \|){7}$/.test(l)));
    assert.equal(lines.filter((l) => l.trim()).at(-1), '2023年1月16日');
  });

  it('草稿在标题下注明“草稿”', () => {
    const md = renderMarkdown(sampleReport('2021', 2), { draft: true });
    assert.match(md.split('\n\n')[1], /^> \*\*草稿\*\*/);
    assert.doesNotMatch(renderMarkdown(sampleReport('2021', 2)), /草稿/);
  });
});

describe('Markdown 读回（parse(render(report))）', () => {
  for (const seed of ['000', '001', '002', '003', '004']) {
    it(`种子报告 ${seed}：三张表逐格相同，年度、格式、日期相同`, async () => {
      const report = await parseFile(seedPath(seed));
      const back = parseText(renderMarkdown(report), { name: `${seed}.md` });
      assert.equal(back.format, report.format);
      assert.deepEqual(tablesOf(back), tablesOf(report));
      assert.equal(back.year, report.year);
      assert.equal(back.published, report.published);
    });
  }

  for (const formatId of ['2021', '2019']) {
    it(`生成的${formatId}年版报告：三张表逐格相同`, () => {
      fc.assert(
        fc.property(reportArbitrary(formatId), (report) => {
          const back = parseText(renderMarkdown(report), { name: 'generated.md' });
          assert.equal(back.format, formatId);
          assert.deepEqual(tablesOf(back), tablesOf(report));
        }),
        { numRuns: 15 },
      );
    });
  }

  it('机关名称和各部分标题也读回', () => {
    const report = sampleReport('2021', 4);
    const back = parseText(renderMarkdown(report), { name: 'generated.md' });
    assert.equal(back.agency, report.agency);
    assert.deepEqual(back.sections.map((s) => s.id).filter(Boolean), getFormat('2021').sections.map((s) => s.id));
  });
});

describe('报告自拟标题下的文字', () => {
  it('不丢失：跟在它在原文中所在的规定部分之后，保留自己的标题', async () => {
    const report = await parseFile(seedPath('003'));
    const md = renderMarkdown(report);
    assert.match(md, /### 政务公开和政府网站工作开展情况/);
    assert.match(md, /### 下一步政务公开和政府网站工作改进措施/);
    assert.match(md, /无针对本部门有关政府信息公开事务的行政复议/);
    assert.doesNotMatch(md, /浏览次数/);
  });
});
