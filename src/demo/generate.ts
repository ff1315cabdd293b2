// Random valid annual reports, in the 2021 and the 2019 format, read from the format model.
//
// A generated report holds what a parser must recover: agency, year, format, published date,
// the narrative sections, and every cell of the three tables. Its tables satisfy every relation
// of the format (format.equations) and have realistic magnitudes: most cells are 0, some small,
// a few in the hundreds; 表二 counts up to tens of thousands; fee amounts with decimals; 2019's
// 本年增/减 may be negative. How it is printed (layout, noise) is render.ts's business.
//
//   generateReport(seed)                 plain function (demo corpus, benchmark, reproducing a case)
//   reportArbitrary()                    fast-check arbitrary (property tests; in test/support)

import { getFormat, residual } from '../model/index.ts';
import type { Format, SectionId, TableDef } from '../model/index.ts';
import { REPORT_SCHEMA, type Report } from '../interchange/types.ts';
import { seeded, type Source } from './random.ts';

export type FormatId = '2021' | '2019';
export type TableValues = Record<string, Record<string, number>>;

export interface GeneratedSection {
  id: SectionId;
  /** Paragraphs of the section's text (sub-headings such as （一）主动公开 included). */
  paragraphs: string[];
}

export interface GeneratedReport {
  format: FormatId;
  agency: string;
  year: number;
  /** Publication date, YYYY-MM-DD. */
  published: string;
  sections: GeneratedSection[];
  tables: Record<string, TableValues>;
  /** Every value of the tables is below 10 (each number prints as one digit). */
  singleDigits: boolean;
}

export interface GenerateOptions {
  format?: FormatId;
  /** Keep every table value below 10 (for layouts whose runs of digits must split uniquely). */
  singleDigits?: boolean;
  /** Keep 本年增/减 non-negative. */
  noNegatives?: boolean;
}

// --- agencies -------------------------------------------------------------------------------

const PLACES = [
  '阜新市', '株洲市渌口区', '克州', '阿合奇县', '合肥市', '六安市叶集区', '南京市鼓楼区', '成都市武侯区', '杭州市',
  '长沙县', '黔东南州', '大理白族自治州', '宁波市鄞州区', '丰台区', '青岛市崂山区', '福州市', '呼和浩特市',
  '嘉兴市南湖区', '昆山市', '延边州', '三亚市', '榆林市', '常州市武进区', '湖北省', '广西壮族自治区', '赣州市',
];
const DEPARTMENTS = [
  '人民政府', '人民政府办公室', '生态环境局', '财政局', '住房和城乡建设局', '市场监督管理局', '自然资源和规划局',
  '交通运输局', '卫生健康委员会', '教育局', '民政局', '人力资源和社会保障局', '应急管理局', '审计局', '统计局',
  '农业农村局', '水利局', '文化和旅游局', '公安局交通警察支队', '医疗保障局', '退役军人事务局', '司法局',
];
const SUB_UNITS = ['', '', '', '', '分局', '执法大队', '事务中心'];
const TOWNS = ['城关镇', '新华街道办事处', '柳林乡', '东风街道办事处', '太平镇'];

function agencyName(src: Source): string {
  if (src.chance(0.1)) {
    const town = src.pick(TOWNS);
    return src.pick(PLACES) + (town.endsWith('办事处') ? town : `${town}人民政府`);
  }
  const place = src.pick(PLACES);
  const dept = src.pick(DEPARTMENTS);
  const sub = dept.endsWith('局') ? src.pick(SUB_UNITS) : '';
  // 克州生态环境局阿合奇县分局: a subordinate office named after its parent and its county
  if (sub === '分局') return `${place}${dept}${src.pick(PLACES.filter((p) => p.endsWith('县') || p.endsWith('区')))}${sub}`;
  return place + dept + sub;
}

// --- values ---------------------------------------------------------------------------------

type Scale = 'quiet' | 'small' | 'busy';

/** A count: mostly 0, sometimes small, rarely hundreds (busy agencies more often). */
function count(src: Source, scale: Scale, single: boolean): number {
  if (single) return src.chance(scale === 'quiet' ? 0.15 : 0.4) ? src.int(1, 9) : 0;
  const pNonZero = scale === 'quiet' ? 0.1 : scale === 'small' ? 0.35 : 0.6;
  if (!src.chance(pNonZero)) return 0;
  if (src.chance(0.7)) return src.int(1, 9);
  if (src.chance(0.8) || scale !== 'busy') return src.int(10, 99);
  return src.int(100, 999);
}

/** A large count (表二 decisions): up to tens of thousands. */
function bigCount(src: Source, single: boolean): number {
  if (single) return src.int(0, 9);
  if (!src.chance(0.75)) return 0;
  const digits = src.int(1, 5);
  return src.int(digits === 1 ? 1 : 10 ** (digits - 1), 10 ** digits - 1);
}

/** A money amount with up to six decimals (879.127651), often 0. */
function amount(src: Source, single: boolean): number {
  if (single) return src.chance(0.3) ? src.int(1, 9) : 0;
  if (!src.chance(0.4)) return 0;
  const whole = src.chance(0.5) ? src.int(0, 99) : src.int(100, 9999);
  const places = src.int(0, 6);
  const frac = places ? src.int(1, 10 ** places - 1) : 0;
  return places ? Number(`${whole}.${String(frac).padStart(places, '0')}`.replace(/0+$/, '').replace(/\.$/, '')) : whole;
}

function activeTable(src: Source, format: Format, single: boolean, noNegatives: boolean): TableValues {
  const table = format.table('active');
  const out: TableValues = {};
  for (const row of table.rows) {
    out[row.id] = {};
    for (const col of row.columns) {
      let v: number;
      if (col.type === 'decimal') v = amount(src, single);
      else if (col.type === 'signed_integer') {
        const magnitude = single ? src.int(0, 9) : src.chance(0.6) ? 0 : src.int(1, 60);
        v = !noNegatives && magnitude > 0 && src.chance(0.4) ? -magnitude : magnitude;
      } else if (col.id === 'decisions') v = bigCount(src, single);
      else if (col.id === 'prev_items' || col.id === 'projects') v = single ? src.int(0, 9) : src.chance(0.5) ? src.int(0, 300) : 0;
      else if (col.id === 'in_force' || col.id === 'total_published') v = single ? src.int(0, 9) : src.chance(0.5) ? src.int(0, 120) : 0;
      else v = count(src, 'small', single);
      out[row.id][col.id] = v;
    }
  }
  return out;
}

/**
 * 表三: free cells are the outcome rows, 上年结转 and 结转下年度 for every applicant column;
 * 本年新收 and （七）总计 follow from the balance and the results sum, 总计 from the row sums.
 */
function applicationsTable(src: Source, format: Format, scale: Scale, single: boolean): TableValues {
  const table = format.table('applications');
  const cols = table.columns.map((c) => c.id);
  const applicantCols = cols.filter((c) => c !== 'total');
  const out: TableValues = {};
  for (const row of table.rows) out[row.id] = Object.fromEntries(cols.map((c) => [c, 0]));
  const outcomeRows = table.rows.filter((r) => !['new_received', 'carried_over', 'results_total', 'carried_forward'].includes(r.id));
  // Applicants are mostly natural persons; companies and others now and then.
  const weight: Record<string, number> = { natural_person: 1, commercial: 0.5, research: 0.1, public_interest: 0.1, legal_service: 0.2, other_org: 0.3 };
  const busyRows = new Set(['granted', 'partial', 'unable_not_held', 'not_processed_duplicate', 'other_other', 'other']);
  for (const col of applicantCols) {
    const active = src.chance(weight[col] ?? 0.2);
    for (const row of outcomeRows) {
      const rowScale: Scale = !active ? 'quiet' : busyRows.has(row.id) ? scale : 'quiet';
      out[row.id][col] = count(src, rowScale, single);
    }
    out.carried_forward[col] = active ? count(src, 'quiet', single) : 0;
  }
  for (const col of applicantCols) {
    const results = outcomeRows.reduce((s, r) => s + out[r.id][col], 0);
    if (single && results > 9) {
      // Keep 总计 and 本年新收 single-digit too: thin the column out until it fits.
      for (const r of outcomeRows) out[r.id][col] = 0;
      out.granted[col] = src.int(0, 4);
      out.unable_not_held[col] = src.int(0, 3);
    }
    const total = outcomeRows.reduce((s, r) => s + out[r.id][col], 0);
    out.results_total[col] = total;
    if (single && total + out.carried_forward[col] > 9) out.carried_forward[col] = 0;
    const need = total + out.carried_forward[col];
    out.carried_over[col] = need > 0 && src.chance(0.3) ? src.int(0, Math.min(need, single ? need : 20)) : 0;
    out.new_received[col] = need - out.carried_over[col];
  }
  for (const row of table.rows) out[row.id].total = applicantCols.reduce((s, c) => s + out[row.id][c], 0);
  if (single && table.rows.some((r) => out[r.id].total > 9)) {
    // Too many applicant columns in use: keep only natural persons.
    for (const row of table.rows) for (const c of applicantCols) if (c !== 'natural_person') out[row.id][c] = 0;
    for (const row of table.rows) out[row.id].total = out[row.id].natural_person;
  }
  return out;
}

function reviewTable(src: Source, format: Format, single: boolean): TableValues {
  const table = format.table('review_litigation');
  const out: TableValues = {};
  for (const row of table.rows) {
    const parts = ['upheld', 'corrected', 'other', 'pending'];
    out[row.id] = {};
    const busy = src.chance(0.3);
    let sum = 0;
    for (const c of parts) {
      const v = busy ? (single ? (src.chance(0.3) ? src.int(1, 2) : 0) : src.chance(0.4) ? src.int(1, c === 'upheld' ? 30 : 6) : 0) : 0;
      out[row.id][c] = v;
      sum += v;
    }
    out[row.id].total = sum;
  }
  return out;
}

/** Every relation of the format holds on these tables (null counts as 0). */
export function violatedRelations(format: Format, tables: Record<string, Record<string, Record<string, number | null>>>): string[] {
  const value = (i: number) => {
    const c = format.cells[i];
    return tables[c.table.id]?.[c.row.id]?.[c.column.id] ?? null;
  };
  const out: string[] = [];
  for (const eq of format.equations) if (Math.abs(residual(eq, value)!) > 1e-6) out.push(`${eq.relation.id}:${eq.key}`);
  return out;
}

// --- narrative ------------------------------------------------------------------------------

const OVERVIEW_OPENINGS = [
  (a: string, y: number) => `${y}年，${a}认真贯彻落实《中华人民共和国政府信息公开条例》和上级关于政务公开工作的部署要求，坚持“公开为常态、不公开为例外”，不断提高政府信息公开工作质量。`,
  (a: string, y: number) => `本报告根据《中华人民共和国政府信息公开条例》要求，由${a}编制。本报告所列数据的统计期限自${y}年1月1日起至${y}年12月31日止。`,
  (a: string, y: number) => `${y}年，${a}在上级部门的正确领导下，严格按照政务公开工作要点，健全工作机制，拓宽公开渠道，依法推进政府信息公开工作。`,
];
const SUBHEADS = ['主动公开', '依申请公开', '政府信息管理', '政府信息公开平台建设', '监督保障'];
const SUB_TEXTS = [
  '严格落实“三审三校”制度，对政府信息公开属性进行源头认定和发布审查。',
  '进一步规范政府信息公开工作流程，明确专人负责，做到应公开尽公开。',
  '充分运用门户网站、政务新媒体等平台，及时发布通知公告和政策文件。',
  '将政务公开工作纳入年度目标考核，加强培训，提升工作人员业务能力。',
];
const PROBLEM_TEXTS = [
  '一是公开内容的深度和广度有待进一步拓展；二是政策解读形式较为单一。下一步，我们将加强培训，丰富解读形式，提升公开质量。',
  '工作中仍存在信息更新不够及时、专业人员不足等问题。针对上述问题，将进一步完善工作机制，加强队伍建设。',
  '部分栏目信息更新较慢，公开内容不够全面。下一步将加强统筹协调，及时更新信息，保障群众的知情权、参与权和监督权。',
];

function cn(n: number): string {
  return '一二三四五六七八九十'[n - 1] ?? String(n);
}

function narrative(src: Source, format: Format, agency: string, year: number, tables: Record<string, TableValues>): GeneratedSection[] {
  const app = tables.applications;
  const overview: string[] = [src.pick(OVERVIEW_OPENINGS)(agency, year)];
  const n = src.int(2, SUBHEADS.length);
  for (let i = 0; i < n; i++) {
    let text = `（${cn(i + 1)}）${SUBHEADS[i]}。${src.pick(SUB_TEXTS)}`;
    if (SUBHEADS[i] === '主动公开' && src.chance(0.6)) text += `全年主动公开政府信息${src.int(20, 2000)}条，其中政策文件${src.int(0, 40)}条。`;
    if (SUBHEADS[i] === '依申请公开') {
      const received = app.new_received.total;
      text += received > 0 ? `${year}年共收到政府信息公开申请${received}件，均已按时答复。` : `${year}年未收到政府信息公开申请。`;
    }
    overview.push(text);
  }
  const sections: GeneratedSection[] = [
    { id: 'overview', paragraphs: overview },
    { id: 'active', paragraphs: [] },
    { id: 'applications', paragraphs: [] },
    { id: 'review_litigation', paragraphs: [] },
    { id: 'problems', paragraphs: [src.pick(PROBLEM_TEXTS)] },
    {
      id: 'other_matters',
      paragraphs: [
        src.chance(0.5)
          ? `${year}年度${agency}未收取信息处理费。`
          : `按照《政府信息公开信息处理费管理办法》规定，本年度没有产生信息公开处理费。`,
      ],
    },
  ];
  if (format.id === '2019' && src.chance(0.3)) sections[4].paragraphs.push('无其他需要报告的事项。');
  return sections;
}

// --- the report -----------------------------------------------------------------------------

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

export function generateWith(src: Source, options: GenerateOptions = {}): GeneratedReport {
  const formatId: FormatId = options.format ?? src.pick(['2021', '2019'] as const);
  const format = getFormat(formatId);
  const year = formatId === '2019' ? src.pick([2019, 2020]) : src.pick([2021, 2022, 2023, 2024]);
  const single = options.singleDigits ?? false;
  const scale: Scale = src.pick(['quiet', 'small', 'busy'] as const);
  const agency = agencyName(src);
  const tables: Record<string, TableValues> = {
    active: activeTable(src, format, single, options.noNegatives ?? false),
    applications: applicationsTable(src, format, scale, single),
    review_litigation: reviewTable(src, format, single),
  };
  const published = `${year + 1}-${pad2(src.int(1, 3))}-${pad2(src.int(1, 28))}`;
  return { format: formatId, agency, year, published, sections: narrative(src, format, agency, year, tables), tables, singleDigits: single };
}

/** A report from a seed (deterministic). */
export function generateReport(seed: number, options: GenerateOptions = {}): GeneratedReport {
  return generateWith(seeded(seed), options);
}

/** The table definition for an id in a report's format. */
export function tableDef(report: GeneratedReport, id: string): TableDef {
  return getFormat(report.format).table(id as TableDef['id']);
}

/** The generated report as an interchange report: every cell printed as generated. */
export function asInterchange(g: GeneratedReport, source: Report['source']): Report {
  const format = getFormat(g.format);
  const tables: Report['tables'] = {};
  const cells: Report['cells'] = {};
  for (const def of format.cells) {
    const v = g.tables[def.table.id]?.[def.row.id]?.[def.column.id] ?? 0;
    ((tables[def.table.id] ??= {})[def.row.id] ??= {})[def.column.id] = v;
    cells[def.address] = { raw: String(v), line: null, status: 'read' };
  }
  return {
    schema: REPORT_SCHEMA,
    source,
    agency: g.agency,
    year: g.year,
    format: g.format,
    published: g.published,
    sections: g.sections.map((s) => {
      const def = format.section(s.id);
      return { id: s.id, title: `${def.numeral}、${def.label}`, text: s.paragraphs.join('\n') };
    }),
    tables,
    cells,
    diagnostics: [],
  };
}
