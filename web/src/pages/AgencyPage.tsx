// One agency: its reports year by year, the findings across years (carry-over, documents in
// force, copied narrative), its figures over time, its departments.

import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Descriptions, List, Spin, Table, Tag } from 'antd';
import { api, useApi } from '../api.ts';
import { KINDS, LEVELS, SEVERITIES, SEVERITY_COLORS, STATES } from '../labels.ts';
import { ruleTitle, useSession } from '../session.tsx';
import type { Agency, CorpusItem, Finding } from '../types.ts';
import { measureTable, type MeasureData } from './measures.tsx';

const Chart = lazy(() => import('../components/Chart.tsx'));

interface Data {
  agency: Agency;
  aliases: string[];
  parent: Agency | null;
  departments: Agency[];
  years: CorpusItem[];
}

export default function AgencyPage() {
  const { id = '' } = useParams();
  const { rules } = useSession();
  const a = useApi<Data>(`/agencies/${id}`);
  const m = useApi<MeasureData>(`/aggregates/measures?by=year&agency=${id}`);
  const [cross, setCross] = useState<(Finding & { year: number | null; report: string })[]>([]);
  useEffect(() => {
    if (!a.data) return;
    const years = a.data.years;
    void Promise.all(years.map((r) => api<{ diagnostics: Finding[] }>(`/reports/${r.id}/diagnostics`).then((d) => d.diagnostics.filter((f) => f.origin === 'cross').map((f) => ({ ...f, year: r.year, report: r.id })), () => []))).then((l) => setCross(l.flat()));
  }, [a.data]);
  const option = useMemo(() => {
    const groups = [...(m.data?.groups ?? [])].sort((x, y) => Number(x.key) - Number(y.key));
    const shown = ['received', 'granted', 'partial', 'withheld', 'review_total', 'litigation_total'];
    const defs = m.data?.definitions.measures ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 48, right: 16, top: 48, bottom: 32 },
      xAxis: { type: 'category', data: groups.map((g) => `${g.key}年`) },
      yAxis: { type: 'value', name: '件' },
      series: shown.map((s) => ({ type: 'line', name: defs.find((d) => d.id === s)?.label ?? s, data: groups.map((g) => (g.measures[s]?.reports ? g.measures[s].sum : null)) })),
    };
  }, [m.data]);

  if (a.error) return <Alert type="error" role="alert" showIcon message={a.error.message} />;
  if (!a.data) return <Spin />;
  const { agency, aliases, parent, departments, years } = a.data;
  return (
    <article aria-labelledby="agency-title">
      <h1 className="page-title" id="agency-title">
        {agency.name} {agency.demo && <Tag className="demo-tag">示例数据</Tag>}
      </h1>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }}>
        <Descriptions.Item label="地区代码">{agency.region_code ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="层级">{agency.level ? LEVELS[agency.level] : '—'}</Descriptions.Item>
        <Descriptions.Item label="类型">{agency.kind ? KINDS[agency.kind] : '—'}</Descriptions.Item>
        <Descriptions.Item label="上级">{parent ? <Link to={`/agencies/${parent.id}`}>{parent.name}</Link> : '—'}</Descriptions.Item>
        <Descriptions.Item label="别名">{aliases.length ? aliases.join('、') : '—'}</Descriptions.Item>
      </Descriptions>
      <h2>逐年报告（{years.length}）</h2>
      <Table<CorpusItem>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={years}
        scroll={{ x: true }}
        columns={[
          { title: '年度', dataIndex: 'year', render: (y: number | null, r) => <Link to={`/reports/${r.id}`}>{y ?? '待定'}年度报告</Link> },
          { title: '错误', dataIndex: 'error_count' },
          { title: '警告', dataIndex: 'warning_count' },
          { title: '待处理', dataIndex: 'open_count' },
        ]}
      />
      <h2>跨年度与跨报告发现的问题（{cross.length}）</h2>
      <List
        size="small"
        bordered
        style={{ background: '#fff' }}
        dataSource={cross}
        locale={{ emptyText: '没有跨年度问题' }}
        renderItem={(f) => (
          <List.Item>
            <span>
              <Tag color={SEVERITY_COLORS[f.severity]}>{SEVERITIES[f.severity]}</Tag>
              <Link to={`/reports/${f.report}`}>{f.year}年</Link> {ruleTitle(rules, f.rule)}：{f.message} <Tag>{STATES[f.state]}</Tag>
              {f.related_report_id && <Link to={`/reports/${f.report}/similar/${f.related_report_id}`}>对照</Link>}
            </span>
          </List.Item>
        )}
      />
      <h2>历年数据</h2>
      <Suspense fallback={<Spin />}>{m.data && <Chart option={option} label={`${agency.name}历年申请和复议诉讼数量折线图`} />}</Suspense>
      {m.data && measureTable(m.data, '年度', (k) => `${String(k)}年`)}
      <h2>下属部门（{departments.length}）</h2>
      <List size="small" bordered style={{ background: '#fff' }} dataSource={departments} locale={{ emptyText: '没有下属部门' }} renderItem={(d) => <List.Item><Link to={`/agencies/${d.id}`}>{d.name}</Link></List.Item>} />
    </article>
  );
}
