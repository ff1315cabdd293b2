// The corpus list: filters, full-text search and sort kept in the URL (a link shares them),
// counts at the top, paging on the server.

import { useMemo } from 'react';
import { Link } from 'react-router';
import { useUrlFilters } from '../url-filters.ts';
import { Alert, Button, Input, Select, Space, Statistic, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { qs, useApi } from '../api.ts';
import { FORMATS, KINDS, LEVELS, STATES, STATUSES } from '../labels.ts';
import { useSession } from '../session.tsx';
import type { CorpusItem } from '../types.ts';

const FILTERS = ['year', 'region', 'level', 'kind', 'format', 'status', 'rule', 'state', 'has_errors', 'published', 'q', 'agency'] as const;
const PAGE = 50;
const YEARS = Array.from({ length: 2026 - 2008 + 1 }, (_, i) => 2026 - i);

const options = (m: Record<string, string>) => Object.entries(m).map(([value, label]) => ({ value, label }));

export function CorpusPage() {
  const { params, filter, page, set, clear } = useUrlFilters(FILTERS);
  const { rules, user } = useSession();
  const sort = params.get('sort') ?? 'year';
  // The page's rows first, without the total: counting every matching report is the slow part
  // over a large corpus, so the total and the other counts are asked for once the rows are shown.
  const key = qs({ ...filter, sort, limit: PAGE, offset: (page - 1) * PAGE, total: false });
  const list = useApi<{ total: number | null; items: CorpusItem[] }>(`/reports${key}`);
  const listed = list.data !== undefined || list.error !== undefined;
  const counted = useApi<{ total: number }>(listed ? `/reports${qs({ ...filter, limit: 1 })}` : null);
  const total = counted.data?.total;
  const withErrors = useApi<{ total: number }>(listed ? `/reports${qs({ ...filter, has_errors: true, limit: 1 })}` : null);
  const open = useApi<{ total: number }>(listed ? `/reports${qs({ ...filter, state: 'open', limit: 1 })}` : null);

  const ruleOptions = useMemo(() => [...rules.values()].map((r) => ({ value: r.id, label: `${r.title ?? r.id}（${r.id}）` })), [rules]);

  const columns: ColumnsType<CorpusItem> = [
    {
      title: '机关',
      key: 'agency',
      render: (_, r) => (
        <Space size={4} wrap>
          <Link to={`/reports/${r.id}`}>{r.agency ?? r.agency_printed ?? '（机关待确定）'}</Link>
          {r.demo && <Tag className="demo-tag">示例数据</Tag>}
        </Space>
      ),
    },
    { title: '年度', dataIndex: 'year', render: (y: number | null) => y ?? '待定', width: 80 },
    { title: '地区代码', dataIndex: 'region_code', responsive: ['md'], width: 100 },
    { title: '层级', dataIndex: 'level', render: (l: string | null) => (l ? LEVELS[l] : '—'), responsive: ['md'], width: 70 },
    { title: '类型', dataIndex: 'kind', render: (k: string | null) => (k ? KINDS[k] : '—'), responsive: ['lg'], width: 70 },
    { title: '格式', dataIndex: 'format', render: (f: string) => FORMATS[f] ?? f, responsive: ['lg'] },
    { title: '状态', dataIndex: 'status', render: (s: string) => <Tag color={s === 'needs_decision' ? 'gold' : 'default'}>{STATUSES[s]}</Tag>, responsive: ['md'] },
    { title: '错误', dataIndex: 'error_count', render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0), width: 70 },
    { title: '警告', dataIndex: 'warning_count', render: (n: number) => (n ? <Tag color="orange">{n}</Tag> : 0), width: 70, responsive: ['sm'] },
    { title: '待处理', dataIndex: 'open_count', width: 80, responsive: ['sm'] },
    ...(user ? [{ title: '公开', dataIndex: 'published', render: (p: boolean) => (p ? '已公开' : '未公开'), width: 80, responsive: ['md' as const] }] : []),
  ];

  return (
    <section aria-labelledby="corpus-title">
      <h1 className="page-title" id="corpus-title">
        报告库
      </h1>
      <div className="counts" aria-live="polite">
        <Statistic title="符合条件的报告" value={total ?? '—'} suffix="份" />
        <Statistic title="其中有错误的" value={withErrors.data?.total ?? '—'} suffix={total !== undefined ? `份 / ${total} 份` : '份'} />
        <Statistic title="其中有待处理问题的" value={open.data?.total ?? '—'} suffix={total !== undefined ? `份 / ${total} 份` : '份'} />
      </div>
      <Space wrap className="filters" role="search" aria-label="筛选报告">
        <Input.Search aria-label="全文检索" placeholder="全文检索（正文）" allowClear defaultValue={filter.q} onSearch={(v) => set('q', v)} style={{ width: 220 }} />
        <Select aria-label="年度" placeholder="年度" allowClear value={filter.year} onChange={(v?: string) => set('year', v)} options={YEARS.map((y) => ({ value: String(y), label: `${y}年` }))} style={{ width: 110 }} />
        <Input aria-label="地区代码" placeholder="地区代码（前缀）" allowClear defaultValue={filter.region} onPressEnter={(e) => set('region', e.currentTarget.value)} onBlur={(e) => set('region', e.currentTarget.value)} style={{ width: 150 }} />
        <Select aria-label="层级" placeholder="层级" allowClear value={filter.level} onChange={(v?: string) => set('level', v)} options={options(LEVELS)} style={{ width: 100 }} />
        <Select aria-label="类型" placeholder="类型" allowClear value={filter.kind} onChange={(v?: string) => set('kind', v)} options={options(KINDS)} style={{ width: 100 }} />
        <Select aria-label="格式" placeholder="格式" allowClear value={filter.format} onChange={(v?: string) => set('format', v)} options={options(FORMATS)} style={{ width: 140 }} />
        <Select aria-label="状态" placeholder="状态" allowClear value={filter.status} onChange={(v?: string) => set('status', v)} options={options(STATUSES)} style={{ width: 160 }} />
        <Select aria-label="规则" placeholder="核查规则" allowClear showSearch optionFilterProp="label" value={filter.rule} onChange={(v?: string) => set('rule', v)} options={ruleOptions} style={{ width: 220 }} />
        <Select aria-label="审核状态" placeholder="问题审核状态" allowClear value={filter.state} onChange={(v?: string) => set('state', v)} options={options(STATES)} style={{ width: 140 }} />
        <Select aria-label="有无错误" placeholder="有无错误" allowClear value={filter.has_errors} onChange={(v?: string) => set('has_errors', v)} options={[{ value: 'true', label: '有错误' }, { value: 'false', label: '无错误' }]} style={{ width: 110 }} />
        <Select aria-label="排序" value={sort} onChange={(v: string) => set('sort', v)} options={[{ value: 'year', label: '按年度' }, { value: 'agency', label: '按机关' }, { value: 'errors', label: '按错误数' }, { value: 'updated', label: '按更新时间' }]} style={{ width: 120 }} />
        {Object.keys(filter).length > 0 && <Button onClick={clear}>清除筛选</Button>}
        {user && <a href={`/api/exports${qs({ ...filter, to: 'csv' })}`} download>导出 CSV</a>}
        {user && <a href={`/api/exports${qs({ ...filter, to: 'xlsx' })}`} download>导出 Excel</a>}
        {user && <a href={`/api/exports${qs({ ...filter, to: 'jsonl' })}`} download>导出 JSON Lines</a>}
      </Space>
      {list.error && <Alert type="error" message={list.error.message} showIcon role="alert" />}
      <Table<CorpusItem>
        rowKey="id"
        size="small"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        scroll={{ x: true }}
        pagination={{
          current: page,
          pageSize: PAGE,
          // Until the total is known: the pages up to this one.
          total: total ?? (page - 1) * PAGE + (list.data?.items.length ?? 0),
          showSizeChanger: false,
          showTotal: (t) => (total !== undefined ? `共 ${t} 份` : counted.error ? '无法统计总数' : '正在统计总数…'),
          onChange: (p) => set('page', String(p)),
        }}
      />
    </section>
  );
}
