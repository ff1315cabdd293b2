// Dashboards: applications and outcomes by year and by region, 纠正率 of 复议 and 诉讼, the
// share of reports failing each rule, the agencies with the most open problems — every figure
// with its denominator, no bare rankings.

import { lazy, Suspense, useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Select, Space, Spin, Table, Tag } from 'antd';
import { qs, useApi } from '../api.ts';
import { percent, SEVERITIES, SEVERITY_COLORS } from '../labels.ts';
import { ruleTitle, useSession } from '../session.tsx';
import { measureTable, type MeasureData } from './measures.tsx';

const Chart = lazy(() => import('../components/Chart.tsx'));

const OUTCOMES = ['granted', 'partial', 'withheld', 'unable', 'not_processed', 'other_handling'];

export default function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const { rules } = useSession();
  const year = params.get('year') ?? undefined;
  const filter = { year };
  const byYear = useApi<MeasureData>(`/aggregates/measures${qs({ by: 'year' })}`);
  const byRegion = useApi<MeasureData>(`/aggregates/measures${qs({ by: 'region', region_digits: 4, ...filter })}`);
  const ruleShares = useApi<{ reports: number; rules: { rule: string; severity: string; reports: number; share: number }[] }>(`/aggregates/rules${qs(filter)}`);
  const agencies = useApi<{ agencies: { id: string; name: string; region_code: string | null; open: number; errors: number; reports: number }[] }>(`/aggregates/agencies${qs(filter)}`);

  const outcomeOption = useMemo(() => {
    const groups = [...(byYear.data?.groups ?? [])].sort((a, b) => Number(a.key) - Number(b.key));
    const defs = byYear.data?.definitions.measures ?? [];
    return {
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 56, right: 16, top: 48, bottom: 32 },
      xAxis: { type: 'category', data: groups.map((g) => `${g.key}年（${g.reports}份）`) },
      yAxis: { type: 'value', name: '件' },
      series: [
        ...OUTCOMES.map((o) => ({ type: 'bar', stack: 'out', name: defs.find((d) => d.id === o)?.label ?? o, data: groups.map((g) => g.measures[o]?.sum ?? 0) })),
        { type: 'line', name: defs.find((d) => d.id === 'received')?.label ?? '收到申请', data: groups.map((g) => g.measures.received?.sum ?? 0) },
      ],
    };
  }, [byYear.data]);
  const rateOption = useMemo(() => {
    const groups = [...(byYear.data?.groups ?? [])].sort((a, b) => Number(a.key) - Number(b.key));
    const rates = (byYear.data?.definitions.rates ?? []).filter((r) => r.id.endsWith('correction_rate'));
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 56, right: 16, top: 48, bottom: 32 },
      xAxis: { type: 'category', data: groups.map((g) => `${g.key}年`) },
      yAxis: { type: 'value', name: '%' },
      series: rates.map((r) => ({ type: 'line', name: r.label, data: groups.map((g) => (g.rates[r.id]?.denominator ? Number(((g.rates[r.id].value ?? 0) * 100).toFixed(1)) : null)) })),
    };
  }, [byYear.data]);

  return (
    <article aria-labelledby="dash-title">
      <h1 className="page-title" id="dash-title">
        统计
      </h1>
      <p>所有数字都注明了分母：参与统计的报告份数，或比率的分子和分母。只统计您有权查看的报告（公众只统计已公开的报告）。</p>
      <h2>收到申请和办理结果（按年度）</h2>
      <Suspense fallback={<Spin />}>{byYear.data && <Chart option={outcomeOption} height={360} label="各年度收到申请和办理结果的堆叠柱状图" />}</Suspense>
      <h2>行政复议和行政诉讼的纠正率（按年度）</h2>
      <Suspense fallback={<Spin />}>{byYear.data && <Chart option={rateOption} label="各年度行政复议和行政诉讼纠正率折线图" />}</Suspense>
      {byYear.data && measureTable(byYear.data, '年度', (k) => `${String(k)}年`)}
      <Space style={{ margin: '24px 0 8px' }} wrap>
        <h2 style={{ margin: 0 }}>按地区</h2>
        <Select aria-label="年度" allowClear placeholder="全部年度" value={year} onChange={(v?: string) => setParams(v ? { year: v } : {})} options={(byYear.data?.groups ?? []).map((g) => ({ value: String(g.key), label: `${g.key}年` }))} style={{ width: 120 }} />
      </Space>
      {byRegion.data && measureTable(byRegion.data, '地区代码', (k) => String(k ?? '未定'))}
      <h2>各核查规则：有该问题的报告占比</h2>
      <Table
        size="small"
        rowKey="rule"
        pagination={{ pageSize: 15 }}
        scroll={{ x: true }}
        dataSource={ruleShares.data?.rules ?? []}
        columns={[
          { title: '规则', dataIndex: 'rule', render: (r: string) => <Link to={`/?rule=${encodeURIComponent(r)}`}>{ruleTitle(rules, r)}</Link> },
          { title: '级别', dataIndex: 'severity', render: (s: string) => <Tag color={SEVERITY_COLORS[s]}>{SEVERITIES[s]}</Tag> },
          { title: '占比', dataIndex: 'share', render: (s: number, r) => `${percent(s)}（${r.reports}/${ruleShares.data?.reports ?? 0} 份）` },
        ]}
      />
      <h2>待处理问题最多的机关</h2>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: true }}
        dataSource={agencies.data?.agencies ?? []}
        columns={[
          { title: '机关', dataIndex: 'name', render: (n: string, a) => <Link to={`/agencies/${a.id}`}>{n}</Link> },
          { title: '地区代码', dataIndex: 'region_code' },
          { title: '待处理问题', dataIndex: 'open', render: (n: number, a) => `${n}（${a.reports} 份报告中）` },
          { title: '错误', dataIndex: 'errors' },
        ]}
      />
    </article>
  );
}
