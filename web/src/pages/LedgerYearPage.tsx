// 年度统计: 表三 and 表四 of a year compiled from the agency's case ledger, drawn from the format
// model as the report pages draw them; click a cell → the cases behind its number (receipt
// numbers linking to the case pages). With the checker's findings on those tables (none when the
// ledger is sound), the year's fees (年报第六部分) and reply times.

import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, Card, Descriptions, Empty, Select, Space, Spin, Statistic } from 'antd';
import { useApi } from '../api.ts';
import { chinaToday, type ActionSchema } from '../cases.ts';
import { ReportTables } from '../components/ReportTables.tsx';
import { useSession } from '../session.tsx';
import type { Content } from '../types.ts';

interface LedgerTables {
  year: number;
  format: string;
  tables: Content['tables'];
  contributions: Record<string, string[]>;
  receipts: Record<string, string>;
  findings: { rule: string; severity: string; message: string }[];
  problems: { caseId: string; message: string }[];
}

interface Fees {
  year: number;
  notices: number;
  noticed_amount: number;
  paid: number;
  paid_amount: number;
  by_method: Record<string, { paid: number; amount: number }>;
}

interface ReplyTimes {
  agencies: { agency_id: string; agency: string; concluded: number; average_working_days: number | null; worst_working_days: number | null; worst_case: string | null; late: number }[];
}

const LEDGER_TABLES = ['applications', 'review_litigation'];

export default function LedgerYearPage() {
  const { year: yearParam = '' } = useParams();
  const year = Number(yearParam);
  const navigate = useNavigate();
  const { formats } = useSession();
  const valid = Number.isInteger(year) && year >= 1990 && year <= 2100;
  const data = useApi<LedgerTables>(valid ? `/ledger/${year}/tables` : null);
  const fees = useApi<Fees>(valid && data.data ? `/ledger/${year}/fees` : null);
  const times = useApi<ReplyTimes>(valid && data.data ? `/ledger/reply-times?year=${year}` : null);
  const schema = useApi<ActionSchema>('/cases/action-schema');
  const [selected, setSelected] = useState<string | null>(null);
  const format = useMemo(() => {
    const f = formats.find((x) => x.id === data.data?.format);
    return f ? { ...f, tables: f.tables.filter((t) => LEDGER_TABLES.includes(t.id)) } : undefined;
  }, [formats, data.data?.format]);
  const methodLabels = useMemo(() => {
    const fee = schema.data?.anyOf.find((s) => s.properties.type.const === 'fee_notice_sent');
    return new Map((fee?.properties.method?.anyOf ?? []).map((x) => [String(x.const), x.title ?? String(x.const)]));
  }, [schema.data]);
  const thisYear = Number(chinaToday().slice(0, 4));
  // On a narrow screen the list is below the tables: bring it into view.
  const select = (address: string) => {
    setSelected(address);
    if (window.innerWidth <= 900) requestAnimationFrame(() => document.querySelector('.ledger-cases')?.scrollIntoView({ block: 'start' }));
  };
  const years = Array.from({ length: 8 }, (_, i) => thisYear - i);

  if (!valid) return <Alert type="error" role="alert" showIcon message="年份无效" />;
  if (data.error) return <Alert type="error" role="alert" showIcon message={data.error.message} />;
  const d = data.data;
  const content: Content | undefined = d ? { source: { name: '', kind: 'ledger', sha256: '' }, agency: null, year, format: d.format, published: null, sections: [], tables: d.tables, cells: {} } : undefined;
  const cases = selected ? (d?.contributions[selected] ?? []) : [];
  const cellName = (address: string) => {
    const [t, r, c] = address.split('.');
    const table = format?.tables.find((x) => x.id === t);
    const row = table?.rows.find((x) => x.id === r);
    const col = table?.columns.find((x) => x.id === c);
    return `${table?.name ?? t}：${row ? [...row.parents, row.short].join(' · ') : r} · ${col ? `${col.group ? `${col.group} ` : ''}${col.short}` : c}`;
  };
  const agencyTimes = times.data?.agencies[0];
  const worstId = d && agencyTimes?.worst_case ? Object.entries(d.receipts).find(([, r]) => r === agencyTimes.worst_case)?.[0] : undefined;

  return (
    <article aria-labelledby="ledger-title">
      <Space wrap className="page-head">
        <h1 className="page-title" id="ledger-title">
          {year}年度依申请公开统计
        </h1>
        <Select aria-label="年度" value={year} onChange={(y: number) => void navigate(`/ledger/${y}`)} options={years.map((y) => ({ value: y, label: `${y}年` }))} style={{ width: 110 }} />
        <Link to="/cases">案件列表</Link>
        <Link to={`/ledger/${year}/report`}>编制{year}年度报告</Link>
      </Space>
      <p>下表由本机关的案件台账按年末状态生成：本年新收、上年结转按收到申请之日计，办理结果按办结之日计入对应行。点击任一数字，查看其背后的案件。</p>
      {!d ? (
        <Spin />
      ) : (
        <>
          {d.findings.length > 0 ? (
            <Alert type="error" showIcon message="核查发现问题" description={<ul className="reasons">{d.findings.map((f, i) => <li key={i}>{f.message}</li>)}</ul>} style={{ marginBottom: 12 }} />
          ) : (
            <Alert type="success" showIcon message="表三、表四通过核查（由台账生成，总计与分项一致）" style={{ marginBottom: 12 }} />
          )}
          {d.problems.length > 0 && (
            <Alert type="warning" showIcon message="部分案件的记录有问题" description={<ul className="reasons">{d.problems.map((p, i) => <li key={i}><Link to={`/cases/${p.caseId}`}>{d.receipts[p.caseId] ?? p.caseId}</Link>：{p.message}</li>)}</ul>} style={{ marginBottom: 12 }} />
          )}
          <div className="ledger-grid">
            <div className="ledger-tables">{content && <ReportTables format={format} content={content} findings={[]} selected={selected} onSelect={select} />}</div>
            <Card size="small" title="单元格背后的案件" className="ledger-cases" aria-live="polite">
              {!selected ? (
                <p>点击表中的数字查看。</p>
              ) : (
                <>
                  <p className="cell-name">
                    {cellName(selected)}：共 {cases.length} 件
                  </p>
                  {cases.length ? (
                    <ul className="ledger-case-list">
                      {cases.map((id) => (
                        <li key={id}>
                          <Link to={`/cases/${id}`}>{d.receipts[id] ?? id}</Link>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <Empty description="没有案件" image={Empty.PRESENTED_IMAGE_SIMPLE} />
                  )}
                </>
              )}
            </Card>
          </div>
          <div className="ledger-extra">
            <Card size="small" title="信息处理费（年报第六部分）">
              {fees.data ? (
                <>
                  <div className="counts">
                    <Statistic title="发出收费通知" value={fees.data.notices} suffix="件" />
                    <Statistic title="通知金额" value={fees.data.noticed_amount} suffix="元" />
                    <Statistic title="实际收取" value={fees.data.paid} suffix="件" />
                    <Statistic title="收取金额" value={fees.data.paid_amount} suffix="元" />
                  </div>
                  {Object.keys(fees.data.by_method).length > 0 && (
                    <Descriptions size="small" column={1}>
                      {Object.entries(fees.data.by_method).map(([m, x]) => (
                        <Descriptions.Item key={m} label={methodLabels.get(m) ?? m}>
                          {x.paid} 件，{x.amount} 元
                        </Descriptions.Item>
                      ))}
                    </Descriptions>
                  )}
                </>
              ) : (
                <Spin />
              )}
            </Card>
            <Card size="small" title="答复用时（本年办结的案件）">
              {agencyTimes ? (
                <div className="counts">
                  <Statistic title="办结" value={agencyTimes.concluded} suffix="件" />
                  <Statistic title="平均" value={agencyTimes.average_working_days ?? '—'} precision={agencyTimes.average_working_days === null ? 0 : 1} suffix="个工作日" />
                  <Statistic title="最长" value={agencyTimes.worst_working_days ?? '—'} suffix="个工作日" />
                  <Statistic title="超期" value={agencyTimes.late} suffix="件" />
                </div>
              ) : (
                <Spin />
              )}
              {agencyTimes?.worst_case && (
                <p>
                  用时最长：{worstId ? <Link to={`/cases/${worstId}`}>{agencyTimes.worst_case}</Link> : agencyTimes.worst_case}
                </p>
              )}
            </Card>
          </div>
        </>
      )}
    </article>
  );
}
