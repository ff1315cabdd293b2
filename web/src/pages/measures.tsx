// The measures table with denominators, shared by the agency page and the dashboards.

import { Table } from 'antd';
import { percent } from '../labels.ts';

export interface MeasureData {
  definitions: { measures: { id: string; label: string }[]; rates: { id: string; label: string; numerator: string; denominator: string }[] };
  groups: {
    key: string | number | null;
    reports: number;
    measures: Record<string, { sum: number; reports: number }>;
    rates: Record<string, { value: number | null; numerator: number; denominator: number }>;
  }[];
}

const round = (x: number) => String(Math.round(x * 100) / 100);

/** Every figure with the reports it adds up (of the group's reports), every rate with numerator / denominator. */
export function measureTable(data: MeasureData, keyTitle: string, keyLabel: (k: string | number | null) => string) {
  const rows = data.definitions.measures.map((m) => ({ id: m.id, label: m.label, cells: data.groups.map((g) => g.measures[m.id]) , reports: data.groups.map((g) => g.reports) }));
  const rates = data.definitions.rates.map((r) => ({ id: r.id, label: r.label, cells: data.groups.map((g) => g.rates[r.id]) }));
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      scroll={{ x: true }}
      style={{ marginTop: 8 }}
      dataSource={[...rows.map((r) => ({ id: r.id, label: r.label, values: r.cells.map((c, i) => (c && c.reports ? `${round(c.sum)}（${c.reports}/${r.reports[i]} 份报告）` : `—（0/${r.reports[i]} 份）`)) })), ...rates.map((r) => ({ id: r.id, label: r.label, values: r.cells.map((c) => (c && c.denominator ? `${percent(c.value)}（${c.numerator}/${c.denominator}）` : '—（分母为 0）')) }))]}
      columns={[{ title: `指标 \\ ${keyTitle}`, dataIndex: 'label', fixed: 'left' as const }, ...data.groups.map((g, i) => ({ title: keyLabel(g.key), key: String(i), render: (_: unknown, r: { values: string[] }) => r.values[i] }))]}
    />
  );
}
