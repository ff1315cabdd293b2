// One report: the structured tables beside the original (PDF page with the cell's box, the
// source table with the cell marked, or the text line), its findings marked on the cells with
// confirm / dismiss-with-reason, value corrections (a new version), versions and downloads.

import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Alert, App, Button, Col, Collapse, Descriptions, Form, Input, InputNumber, List, Modal, Row, Select, Space, Spin, Tag } from 'antd';
import { api, useApi } from '../api.ts';
import { ReportTables } from '../components/ReportTables.tsx';
import { SourceBlocks } from '../components/SourceBlocks.tsx';
import { CELL_STATUSES, FORMATS, KINDS, LEVELS, ORIGINS, SEVERITIES, SEVERITY_COLORS, STATES, STATUSES, VERSION_KINDS } from '../labels.ts';
import { ruleTitle, useSession } from '../session.tsx';
import type { Finding, ReportPage as Data, SourceBlock } from '../types.ts';

const PdfPage = lazy(() => import('../components/PdfPage.tsx'));

const DOWNLOADS = [
  { to: 'docx', label: 'Word' },
  { to: 'pdf', label: 'PDF' },
  { to: 'html', label: '网页' },
  { to: 'xlsx', label: 'Excel' },
] as const;

export default function ReportPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const version = params.get('version');
  const { formats, rules } = useSession();
  const { message } = App.useApp();
  const report = useApi<Data>(`/reports/${id}${version ? `?version=${version}` : ''}`);
  const source = useApi<{ name: string; kind: string; blocks: SourceBlock[] }>(`/reports/${id}/source${version ? `?version=${version}` : ''}`);
  const [selected, setSelected] = useState<string | null>(null);
  const [focusLine, setFocusLine] = useState<number | null>(null);
  const [dismissing, setDismissing] = useState<Finding | null>(null);
  const [reason, setReason] = useState('');
  const [correction, setCorrection] = useState<{ value: number | null; note: string }>({ value: null, note: '' });

  const d = report.data;
  const format = useMemo(() => formats.find((f) => f.id === d?.content.format), [formats, d]);
  if (report.error) return <Alert type="error" role="alert" showIcon message={report.error.status === 404 ? '报告不存在或无权查看' : report.error.message} />;
  if (!d) return <Spin tip="加载中…"><div style={{ height: 200 }} /></Spin>;

  const { report: head, content, diagnostics, permissions } = d;
  const current = d.version === head.current_version;
  const prov = selected ? (content.cells[selected] ?? null) : null;
  const selectedValue = selected ? content.tables[selected.split('.')[0]]?.[selected.split('.')[1]]?.[selected.split('.')[2]] : undefined;
  const cellFindings = selected ? diagnostics.filter((f) => f.cells?.includes(selected)) : [];

  const review = async (f: Finding, decision: 'confirmed' | 'dismissed' | 'open', why?: string) => {
    try {
      await api(`/reports/${id}/diagnostics/${f.position}/review`, { method: 'POST', body: { decision, ...(why ? { reason: why } : {}) } });
      void message.success(decision === 'dismissed' ? '已驳回，理由已记入审计日志' : decision === 'confirmed' ? '已确认' : '已重新打开');
      report.reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  const correct = async () => {
    if (!selected) return;
    try {
      const r = await api<{ version: number }>(`/reports/${id}/corrections`, { method: 'POST', body: { cells: [{ address: selected, value: correction.value }], note: correction.note } });
      void message.success(`已更正，生成第 ${r.version} 版`);
      setCorrection({ value: null, note: '' });
      const next = new URLSearchParams(params);
      next.delete('version');
      setParams(next);
      report.reload();
      source.reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  const hasErrors = diagnostics.some((f) => f.severity === 'error' && f.state !== 'dismissed');
  const documentUrl = `/api/reports/${id}/document?version=${d.version}`;

  return (
    <article aria-labelledby="report-title">
      <Space wrap align="center" style={{ marginBottom: 8 }}>
        <h1 className="page-title" id="report-title" style={{ margin: 0 }}>
          {head.agency ?? content.agency ?? '（机关待确定）'} {head.year ?? content.year ?? ''}年度政府信息公开工作年度报告
        </h1>
        {head.demo && <Tag className="demo-tag">示例数据</Tag>}
        <Tag>{STATUSES[head.status]}</Tag>
        {head.published ? <Tag color="green">已公开</Tag> : <Tag>未公开</Tag>}
      </Space>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="机关">{head.agency_id ? <Link to={`/agencies/${head.agency_id}`}>{head.agency}</Link> : '待确定'}</Descriptions.Item>
        <Descriptions.Item label="地区">{head.region_code ?? '—'} {head.level ? LEVELS[head.level] : ''} {head.kind ? KINDS[head.kind] : ''}</Descriptions.Item>
        <Descriptions.Item label="格式">{FORMATS[content.format] ?? content.format}</Descriptions.Item>
        <Descriptions.Item label="原件">{content.source.name}</Descriptions.Item>
        <Descriptions.Item label="版本">
          <Select
            aria-label="版本"
            size="small"
            value={d.version}
            onChange={(v: number) => setParams(v === head.current_version ? {} : { version: String(v) })}
            options={d.versions.map((v) => ({ value: v.version, label: `第 ${v.version} 版（${VERSION_KINDS[v.kind] ?? v.kind}${v.note ? `：${v.note}` : ''}）${v.version === head.current_version ? '·当前' : ''}` }))}
            style={{ minWidth: 220 }}
          />
        </Descriptions.Item>
        <Descriptions.Item label="下载">
          <Space wrap>
            {DOWNLOADS.map((x) => (
              <a key={x.to} href={`/api/reports/${id}/render?to=${x.to}&version=${d.version}${hasErrors ? '&draft=true' : ''}`} download>
                {x.label}
                {hasErrors ? '（草稿）' : ''}
              </a>
            ))}
            <a href={documentUrl} target="_blank" rel="noreferrer">
              原件
            </a>
          </Space>
        </Descriptions.Item>
      </Descriptions>
      {!current && <Alert type="info" showIcon message={`正在查看第 ${d.version} 版（不是当前版本）`} style={{ marginBottom: 12 }} />}

      <section aria-labelledby="findings-title" style={{ marginBottom: 16 }}>
        <h2 id="findings-title">发现的问题（{diagnostics.length}）</h2>
        <List
          size="small"
          bordered
          style={{ background: '#fff' }}
          dataSource={diagnostics}
          locale={{ emptyText: '没有发现问题' }}
          renderItem={(f) => (
            <List.Item
              className="finding"
              data-rule={f.rule}
              actions={
                permissions.review && current
                  ? [
                      f.state !== 'confirmed' && f.state !== 'fixed' && (
                        <Button key="c" size="small" onClick={() => void review(f, 'confirmed')}>
                          确认
                        </Button>
                      ),
                      f.state !== 'dismissed' && f.state !== 'fixed' && (
                        <Button key="d" size="small" onClick={() => (setDismissing(f), setReason(''))}>
                          驳回
                        </Button>
                      ),
                      f.state !== 'open' && f.state !== 'fixed' && (
                        <Button key="o" size="small" type="link" onClick={() => void review(f, 'open')}>
                          重新打开
                        </Button>
                      ),
                    ].filter(Boolean)
                  : []
              }
            >
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap size={4}>
                  <Tag color={SEVERITY_COLORS[f.severity]}>{SEVERITIES[f.severity]}</Tag>
                  <strong>{ruleTitle(rules, f.rule)}</strong>
                  <Tag>{ORIGINS[f.origin]}</Tag>
                  <Tag color={f.state === 'open' ? 'gold' : f.state === 'dismissed' ? 'default' : 'green'}>{STATES[f.state]}</Tag>
                  {f.line !== null && (
                    <Button size="small" type="link" onClick={() => (setSelected(f.cells?.[0] ?? null), setFocusLine(f.line))}>
                      第 {f.line} 行
                    </Button>
                  )}
                  {f.cells?.[0] && (
                    <Button size="small" type="link" onClick={() => setSelected(f.cells![0])}>
                      查看单元格
                    </Button>
                  )}
                  {f.related_report_id &&
                    (f.rule.startsWith('similarity.') ? <Link to={`/reports/${id}/similar/${f.related_report_id}`}>并排对照雷同内容</Link> : <Link to={`/reports/${f.related_report_id}`}>查看相关报告</Link>)}
                </Space>
                <span>{f.message}</span>
                {f.reason && <span>驳回理由：{f.reason}</span>}
              </Space>
            </List.Item>
          )}
        />
      </section>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <h2>结构化表格</h2>
          <ReportTables format={format} content={content} findings={diagnostics} selected={selected} onSelect={(a) => (setSelected(a), setFocusLine(null))} />
        </Col>
        <Col xs={24} xl={12}>
          <h2>原件对照</h2>
          {selected && (
            <div className="cell-detail" aria-live="polite" style={{ background: '#fff', padding: 8, marginBottom: 8, border: '1px solid #e5e5e5' }}>
              <div>
                单元格 <code>{selected}</code>：值 <strong>{selectedValue ?? '—'}</strong>；原文“{prov?.raw ?? '（无）'}”；{prov ? CELL_STATUSES[prov.status] : '没有来源'}
                {prov?.line ? `；第 ${prov.line} 行` : ''}
                {prov?.page ? `；第 ${prov.page} 页` : ''}
              </div>
              {cellFindings.map((f) => (
                <div key={f.position} style={{ color: '#a8071a' }}>
                  {f.message}
                </div>
              ))}
              {permissions.write && current && (
                <Form layout="inline" style={{ marginTop: 8 }} onFinish={() => void correct()}>
                  <Form.Item label="更正为">
                    <InputNumber aria-label="更正后的值" value={correction.value} onChange={(v) => setCorrection((c) => ({ ...c, value: v }))} />
                  </Form.Item>
                  <Form.Item label="理由">
                    <Input aria-label="更正理由" value={correction.note} onChange={(e) => setCorrection((c) => ({ ...c, note: e.target.value }))} placeholder="如：核对原件后更正" />
                  </Form.Item>
                  <Button htmlType="submit" type="primary" disabled={!correction.note.trim()}>
                    更正（生成新版本）
                  </Button>
                </Form>
              )}
            </div>
          )}
          <div className="source-pane" tabIndex={0} role="region" aria-label="原件">
            {content.source.kind === 'pdf' ? (
              <Suspense fallback={<Spin />}>
                <PdfPage url={documentUrl} target={prov} page={focusLine === null ? null : (diagnostics.find((f) => f.line === focusLine)?.page ?? null)} />
              </Suspense>
            ) : source.error ? (
              <Alert type="warning" message={source.error.message} />
            ) : source.data ? (
              <SourceBlocks blocks={source.data.blocks} target={prov} line={focusLine} />
            ) : (
              <Spin />
            )}
          </div>
        </Col>
      </Row>

      <Collapse
        style={{ marginTop: 16 }}
        items={[
          {
            key: 'n',
            label: `正文（${content.sections.length} 部分）`,
            children: content.sections.map((s, i) => (
              <section key={i}>
                <h3>{s.title}</h3>
                <p style={{ whiteSpace: 'pre-wrap' }}>{s.text}</p>
              </section>
            )),
          },
        ]}
      />

      <Modal title="驳回问题" open={dismissing !== null} okText="驳回" cancelText="取消" okButtonProps={{ disabled: !reason.trim() }} onCancel={() => setDismissing(null)} onOk={() => void (dismissing && review(dismissing, 'dismissed', reason.trim()).then(() => setDismissing(null)))}>
        <p>{dismissing?.message}</p>
        <label htmlFor="dismiss-reason">驳回理由（必填，记入审计日志）</label>
        <Input.TextArea id="dismiss-reason" value={reason} onChange={(e) => setReason(e.target.value)} rows={3} />
      </Modal>
    </article>
  );
}
