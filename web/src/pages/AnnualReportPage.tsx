// The year-end assembly of the agency's annual report: the six sections of the format as text
// areas (each with 采用上年内容 from last year's report and its 内容雷同 warning), 表二 entered in
// a form generated from the model, 表三/表四 compiled from the case ledger and locked, the
// findings of the check linked to their sections and cells, 保存 (a stale save is refused by the
// server), 检查, 发布 (负责人; the gate's reasons shown) and the downloads.

import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App, Button, Card, InputNumber, Input, List, Modal, Space, Spin, Tag } from 'antd';
import { api, ApiError, useApi } from '../api.ts';
import { ReportTables } from '../components/ReportTables.tsx';
import { SEVERITIES, SEVERITY_COLORS } from '../labels.ts';
import { ruleTitle, useSession } from '../session.tsx';
import type { Content, Finding as CorpusFinding, Format } from '../types.ts';

type Table = Record<string, Record<string, number | null>>;

interface Draft {
  revision: number;
  format: string;
  active: Table;
  sections: Record<string, string>;
  updated_at: string | null;
  published: { report_id: string; version: number; revision: number; at: string | null } | null;
  published_current: boolean;
}

interface Data {
  year: number;
  agency: { id: string; name: string };
  draft: Draft;
  tables: Record<string, Table>;
  locked: string[];
  contributions: Record<string, number>;
  previous: { year: number; report_id: string; version: number; sections: string[] } | null;
  revisions: { revision: number; saved_at: string; saved_by: string | null }[];
  permissions: { edit: boolean; publish: boolean };
}

interface Finding {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  cells: string[];
  sections: string[];
  passages?: string[];
}

interface CheckResult {
  findings: Finding[];
  errors: number;
  warnings: number;
  publishable: boolean;
}

const DOWNLOADS = [
  { to: 'docx', label: 'Word' },
  { to: 'pdf', label: 'PDF' },
  { to: 'html', label: '网页' },
] as const;

const sectionAnchor = (id: string) => `section-${id}`;
const cellAnchor = (address: string) => `cell-${address.replaceAll('.', '-')}`;

function focus(id: string) {
  const el = document.getElementById(id);
  if (!el) return;
  el.scrollIntoView({ block: 'center' });
  el.focus();
}

/** 表二 as a form from the model: one number input per cell the format has. */
function ActiveForm({ format, active, findings, disabled, onChange }: { format: Format; active: Table; findings: Finding[]; disabled: boolean; onChange: (row: string, col: string, v: number | null) => void }) {
  const table = format.tables.find((t) => t.id === 'active');
  if (!table) return null;
  const marked = new Map<string, Finding[]>();
  for (const f of findings) for (const c of f.cells) if (c.startsWith('active.')) marked.set(c, [...(marked.get(c) ?? []), f]);
  return (
    <div className="grid-wrap">
      <table className="grid" aria-label="表二填报">
        <caption>{table.name}（填报）</caption>
        <thead>
          <tr>
            <th scope="col">信息内容</th>
            {table.columns.map((c) => (
              <th scope="col" key={c.id}>
                {c.group ? `${c.group} ` : ''}
                {c.short}
                {c.unit ? `（${c.unit}）` : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr key={r.id}>
              <th scope="row">{[...r.parents, r.short].join(' · ')}</th>
              {table.columns.map((c) => {
                if (!r.columns.includes(c.id)) return <td className="na" key={c.id} aria-label="不适用" />;
                const address = `active.${r.id}.${c.id}`;
                const fs = marked.get(address) ?? [];
                return (
                  <td key={c.id}>
                    <InputNumber
                      id={cellAnchor(address)}
                      aria-label={`表二 ${r.short} ${c.short}`}
                      status={fs.some((f) => f.severity === 'error') ? 'error' : fs.length ? 'warning' : ''}
                      title={fs.map((f) => f.message).join('\n')}
                      value={active[r.id]?.[c.id] ?? null}
                      disabled={disabled}
                      onChange={(v) => onChange(r.id, c.id, typeof v === 'number' ? v : null)}
                      style={{ width: '100%', minWidth: 80 }}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function AnnualReportPage() {
  const { year: yearParam = '' } = useParams();
  const year = Number(yearParam);
  const { formats, rules } = useSession();
  const { message } = App.useApp();
  const loaded = useApi<Data>(Number.isInteger(year) ? `/ledger/${year}/report` : null);
  const [active, setActive] = useState<Table>({});
  const [sections, setSections] = useState<Record<string, string>>({});
  const [revision, setRevision] = useState(0);
  const [dirty, setDirty] = useState(false);
  const [checked, setChecked] = useState<CheckResult | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [published, setPublished] = useState<{ report_id: string; version: number; message: string } | null>(null);
  const [previous, setPrevious] = useState<Record<string, string> | null>(null);

  const d = loaded.data;
  useEffect(() => {
    if (!d) return;
    setActive(d.draft.active);
    setSections(d.draft.sections);
    setRevision(d.draft.revision);
    setDirty(false);
  }, [d]);
  useEffect(() => {
    if (!d?.previous) return;
    void api<{ sections: Record<string, string> }>(`/ledger/${year}/report/previous`).then(
      (p) => setPrevious(p.sections),
      () => setPrevious(null),
    );
  }, [d?.previous, year]);
  // Unsaved text is not lost by closing or reloading the tab unawares.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  const format = useMemo(() => formats.find((f) => f.id === d?.draft.format), [formats, d]);
  const locked = useMemo<Format | undefined>(() => (format && d ? { ...format, tables: format.tables.filter((t) => d.locked.includes(t.id)) } : undefined), [format, d]);

  if (!Number.isInteger(year)) return <Alert type="error" role="alert" showIcon message="年度不正确" />;
  if (loaded.error) return <Alert type="error" role="alert" showIcon message={loaded.error.status === 401 ? '请先登录' : loaded.error.message} />;
  if (!d || !format || !locked) return <Spin tip="加载中…"><div style={{ height: 200 }} /></Spin>;
  const canEdit = d.permissions.edit;
  const findings = checked?.findings ?? [];

  const runCheck = async () => {
    setBusy('check');
    try {
      setChecked(await api<CheckResult>(`/ledger/${year}/report/check`, { method: 'POST', body: { active, sections } }));
    } catch (e) {
      void message.error((e as Error).message);
    } finally {
      setBusy(null);
    }
  };
  /** Save; the new revision, or null when refused. */
  const save = async (): Promise<number | null> => {
    setBusy('save');
    try {
      const r = await api<{ draft: Draft; message: string }>(`/ledger/${year}/report`, { method: 'PUT', body: { revision, active, sections } });
      setRevision(r.draft.revision);
      setDirty(false);
      void message.success(r.message);
      return r.draft.revision;
    } catch (e) {
      // A stale save: the server kept the other person's text; ours stays on screen.
      if (e instanceof ApiError && e.status === 409) Modal.warning({ title: '保存未成功', content: e.message });
      else void message.error((e as Error).message);
      return null;
    } finally {
      setBusy(null);
    }
  };
  const publish = async () => {
    const rev = dirty ? await save() : revision;
    if (rev === null) return;
    setBusy('publish');
    setRefusal(null);
    try {
      const r = await api<{ report_id: string; version: number; message: string }>(`/ledger/${year}/report/publish`, { method: 'POST', body: { revision: rev } });
      setPublished(r);
      void message.success(r.message);
      loaded.reload();
    } catch (e) {
      setRefusal((e as Error).message);
      await runCheck();
    } finally {
      setBusy(null);
    }
  };
  const change = (f: () => void) => {
    f();
    setDirty(true);
  };
  const adopt = (id: string, label: string) => {
    const text = previous?.[id];
    if (!text) return;
    const apply = () => change(() => setSections((s) => ({ ...s, [id]: text })));
    if (sections[id]?.trim()) Modal.confirm({ title: `用上年内容替换“${label}”？`, content: '当前文字将被替换（已保存的各稿仍保留）。', okText: '替换', cancelText: '取消', onOk: apply });
    else apply();
  };

  const status = d.draft.published
    ? d.draft.published_current && !dirty
      ? <Tag color="green">已发布（报告库第 {d.draft.published.version} 版）</Tag>
      : <Tag color="orange">已发布过，之后有修改未发布</Tag>
    : <Tag>草稿</Tag>;
  const isPublished = d.draft.published_current && !dirty;

  return (
    <article aria-labelledby="annual-title">
      <Space wrap align="center" style={{ marginBottom: 8 }}>
        <h1 className="page-title" id="annual-title" style={{ margin: 0 }}>
          {d.agency.name} {year}年度政府信息公开工作年度报告（编制）
        </h1>
        {status}
        <Tag>{revision ? `第 ${revision} 稿` : '尚未保存'}</Tag>
        {dirty && <Tag color="gold">有未保存的修改</Tag>}
      </Space>
      <p className="muted">
        表二和正文由本机关填写，每次保存都留存；表三、表四由<Link to={`/ledger/${year}`} className="text-link">依申请公开案件台账</Link>实时生成，不能手工修改。发布前请先“检查”，仍有错误时不能发布；发布只能由负责人进行。
      </p>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button type="primary" onClick={() => void save()} loading={busy === 'save'} disabled={!canEdit || !dirty}>
          保存
        </Button>
        <Button onClick={() => void runCheck()} loading={busy === 'check'}>
          检查
        </Button>
        {d.permissions.publish && (
          <Button onClick={() => void publish()} loading={busy === 'publish'} disabled={isPublished}>
            发布
          </Button>
        )}
        {!d.permissions.publish && canEdit && <span className="muted">发布须由负责人进行</span>}
        {DOWNLOADS.map((t) => (
          <Button key={t.to} href={`/api/ledger/${year}/report/render?to=${t.to}`}>
            下载{t.label}{isPublished ? '' : '（草稿）'}
          </Button>
        ))}
      </Space>
      {published && (
        <Alert
          type="success"
          showIcon
          role="status"
          style={{ marginBottom: 16 }}
          message={published.message}
          description={<Link to={`/reports/${published.report_id}`}>在报告库中查看</Link>}
        />
      )}
      {refusal && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16, whiteSpace: 'pre-wrap' }} message="未能发布" description={refusal} />}
      {checked && (
        <Card size="small" title={`检查结果：${checked.errors} 个错误，${checked.warnings} 个警告`} style={{ marginBottom: 16 }} aria-label="检查结果">
          {checked.findings.length === 0 ? (
            <p>未发现问题，可以发布。</p>
          ) : (
            <List
              size="small"
              dataSource={checked.findings}
              renderItem={(f) => {
                const target = f.sections[0] ? sectionAnchor(f.sections[0]) : f.cells[0] ? (f.cells[0].startsWith('active.') ? cellAnchor(f.cells[0]) : `locked-${f.cells[0].split('.')[0]}`) : null;
                return (
                  <List.Item>
                    <Space align="start">
                      <Tag color={SEVERITY_COLORS[f.severity]}>{SEVERITIES[f.severity]}</Tag>
                      <span>
                        <strong>{f.rule === 'similarity.previous_year' ? '内容雷同' : ruleTitle(rules, f.rule)}</strong>：{f.message}
                        {target && (
                          <Button type="link" size="small" onClick={() => focus(target)}>
                            定位
                          </Button>
                        )}
                      </span>
                    </Space>
                  </List.Item>
                );
              }}
            />
          )}
        </Card>
      )}
      {format.sections.map((s) => {
        const label = `${s.numeral}、${s.label}`;
        const mine = findings.filter((f) => f.sections.includes(s.id));
        const copied = mine.filter((f) => f.rule === 'similarity.previous_year');
        return (
          <Card key={s.id} size="small" style={{ marginBottom: 16 }} title={<h2 style={{ margin: 0, fontSize: '1.1em' }}>{label}</h2>}
            extra={previous?.[s.id] && canEdit ? <Button size="small" onClick={() => adopt(s.id, label)} aria-label={`采用上年内容：${label}`}>采用上年内容</Button> : null}>
            {copied.map((f, i) => (
              <Alert key={i} type="warning" showIcon role="status" style={{ marginBottom: 8 }} message="内容雷同" description={<>{f.message}{f.passages?.length ? <blockquote className="muted">{f.passages[0]}</blockquote> : null}</>} />
            ))}
            {mine.filter((f) => f.rule !== 'similarity.previous_year').map((f, i) => (
              <Alert
                key={`o${i}`}
                type={f.severity === 'error' ? 'error' : 'warning'}
                showIcon
                style={{ marginBottom: 8 }}
                // The checker names every missing part in one message; here only this one is meant.
                message={f.rule === 'structure.section_missing' ? '本部分尚未填写：发布前每一部分都要有内容，没有可写的请写“无”。' : f.message}
              />
            ))}
            <Input.TextArea
              id={sectionAnchor(s.id)}
              aria-label={`${label} 正文`}
              autoSize={{ minRows: 3, maxRows: 16 }}
              value={sections[s.id] ?? ''}
              disabled={!canEdit}
              onChange={(e) => change(() => setSections((x) => ({ ...x, [s.id]: e.target.value })))}
            />
            {s.id === 'active' && <ActiveForm format={format} active={active} findings={findings} disabled={!canEdit} onChange={(r, c, v) => change(() => setActive((a) => ({ ...a, [r]: { ...a[r], [c]: v } })))} />}
            {d.locked.includes(s.id) && (
              <div id={`locked-${s.id}`} tabIndex={-1}>
                <p>
                  <Tag color="blue">锁定</Tag>由案件台账生成，修改请在<Link to={`/ledger/${year}`} className="text-link">案件台账</Link>中办理案件。
                </p>
                <ReportTables
                  format={{ ...locked, tables: locked.tables.filter((t) => t.id === s.id) }}
                  content={{ tables: d.tables, cells: {} } as unknown as Content}
                  findings={findings.map((f, i) => ({ ...f, position: i, state: 'open' }) as unknown as CorpusFinding)}
                  selected={null}
                  onSelect={() => undefined}
                />
              </div>
            )}
          </Card>
        );
      })}
      {d.revisions.length > 0 && (
        <Card size="small" title="历次保存" style={{ marginBottom: 16 }}>
          <List size="small" dataSource={d.revisions} renderItem={(r) => <List.Item>第 {r.revision} 稿 · {r.saved_by ?? '—'} · {new Date(r.saved_at).toLocaleString('zh-CN')}</List.Item>} />
        </Card>
      )}
    </article>
  );
}
