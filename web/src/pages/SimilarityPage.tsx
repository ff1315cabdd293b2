// 内容雷同: two reports' narratives side by side with the shared passages highlighted, the
// share of repeated text against the template baseline, with the denominators.

import { Link, useParams } from 'react-router';
import { Alert, Col, Descriptions, Row, Spin } from 'antd';
import { useApi } from '../api.ts';
import { percent } from '../labels.ts';

interface Side {
  id: string;
  agency: string | null;
  year: number | null;
  text: string;
  chars: number;
  baseline: number;
}
interface Data {
  a: Side;
  b: Side;
  share: number;
  reverse_share: number;
  chars: number;
  passages: { start: number; end: number; other_start: number; other_end: number; text: string }[];
}

function Marked({ text, ranges, label }: { text: string; ranges: [number, number][]; label: string }) {
  const sorted = ranges.filter(([s, e]) => s >= 0 && e > s).sort((x, y) => x[0] - y[0]);
  const parts: React.ReactNode[] = [];
  let at = 0;
  sorted.forEach(([s, e], i) => {
    if (s < at) s = at;
    if (e <= s) return;
    parts.push(text.slice(at, s), <mark key={i}>{text.slice(s, e)}</mark>);
    at = e;
  });
  parts.push(text.slice(at));
  return (
    <div className="sim-text" aria-label={label} tabIndex={0}>
      {parts}
    </div>
  );
}

export default function SimilarityPage() {
  const { id = '', other = '' } = useParams();
  const r = useApi<Data>(`/reports/${id}/similarity?with=${other}`);
  if (r.error) return <Alert type="error" role="alert" showIcon message={r.error.message} />;
  if (!r.data) return <Spin />;
  const d = r.data;
  const name = (s: Side) => `${s.agency ?? '（机关待确定）'} ${s.year ?? ''}年度`;
  return (
    <article aria-labelledby="sim-title">
      <h1 className="page-title" id="sim-title">
        内容雷同对照
      </h1>
      <Descriptions size="small" bordered column={1} style={{ marginBottom: 16, background: '#fff' }}>
        <Descriptions.Item label="A 的文字在 B 中重复">
          {percent(d.share)}（去除格式固定用语后 A 的 {d.chars} 字中重复 {Math.round(d.share * d.chars)} 字）
        </Descriptions.Item>
        <Descriptions.Item label="B 的文字在 A 中重复">
          {percent(d.reverse_share)}（B 参与比较 {d.b.chars} 字）
        </Descriptions.Item>
        <Descriptions.Item label="模板基线">A 正文中格式固定用语占 {percent(d.a.baseline)}，B 占 {percent(d.b.baseline)}（这部分各报告都有，不计入重复比例）</Descriptions.Item>
        <Descriptions.Item label="重复段落">{d.passages.length} 段（下文以底色标出）</Descriptions.Item>
      </Descriptions>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <h2>
            A：<Link to={`/reports/${d.a.id}`}>{name(d.a)}</Link>
          </h2>
          <Marked text={d.a.text} ranges={d.passages.map((p) => [p.start, p.end])} label={`${name(d.a)}正文`} />
        </Col>
        <Col xs={24} md={12}>
          <h2>
            B：<Link to={`/reports/${d.b.id}`}>{name(d.b)}</Link>
          </h2>
          <Marked text={d.b.text} ranges={d.passages.map((p) => [p.other_start, p.other_end])} label={`${name(d.b)}正文`} />
        </Col>
      </Row>
    </article>
  );
}
