// A form for one case action, built from the action's JSON Schema as the API serves it
// (GET /api/cases/action-schema): each property its field (dates, integers, choices, lists, text)
// named by its Chinese title, required as the schema says. The server makes id, by and at; the
// ids a record refers to (a consultation, a record to void) are chosen from the case.

import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { api, ApiError } from '../api.ts';
import { chinaToday, type CaseDetail, type FieldSchema, type Vocabulary } from '../cases.ts';

/** Fields the server fills in, or that need no input. */
const SERVER_FIELDS = new Set(['type', 'id', 'by', 'at', 'documents', 'approver']);
const DATE = /\\d\{4\}-/;

interface Props {
  caseId: string;
  type: string;
  schema: FieldSchema & { properties: Record<string, FieldSchema> };
  detail: CaseDetail;
  vocab: Vocabulary | undefined;
  onDone: (warnings: string[]) => void;
}

function choices(field: string, s: FieldSchema, detail: CaseDetail, vocab: Vocabulary | undefined): { value: string; label: string }[] | null {
  if (field === 'outcome') {
    const labels = new Map(vocab?.outcomes.map((o) => [o.id, o.label]));
    return (s.enum ?? []).map((id) => ({ value: id, label: labels.get(id) ?? id }));
  }
  if (s.enum) return s.enum.map((v) => ({ value: v, label: v }));
  if (s.anyOf?.every((x) => x.const !== undefined)) return s.anyOf.map((x) => ({ value: String(x.const), label: x.title ?? String(x.const) }));
  if (field === 'consultationId') return detail.consultations.filter((c) => !c.answeredOn).map((c) => ({ value: c.id, label: `${c.partyName}（${c.sentOn} 发出）` }));
  if (field === 'target') {
    const voided = new Set(detail.voided.map((v) => v.target));
    return detail.actions.filter((a) => a.type !== 'received' && a.type !== 'voided' && !voided.has(a.id)).map((a) => ({ value: a.id, label: `${a.on} ${a.label}` }));
  }
  return null;
}

export function ActionForm({ caseId, type, schema, detail, vocab, onDone }: Props) {
  const [f] = Form.useForm<Record<string, unknown>>();
  const [refused, setRefused] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [feeBasis, setFeeBasis] = useState<string | null>(null);
  const props = schema.properties;
  const required = new Set(schema.required ?? []);
  // `on` first, `note` last, the type's own fields between, in the schema's order.
  const fields = Object.keys(props).filter((k) => !SERVER_FIELDS.has(k) && !(type === 'consultation_sent' && k === 'consultationId'));
  fields.sort((a, b) => (a === 'on' ? -1 : b === 'on' ? 1 : a === 'note' ? 1 : b === 'note' ? -1 : 0));

  // A fee notice: the quote for this applicant's K-th application this month (按件).
  useEffect(() => {
    if (type !== 'fee_notice_sent') return;
    void api<{ month_count: number; per_application: { quantity: number; amount: number; basis: string[] | string } }>(`/cases/${caseId}/fee-quote`).then(
      (q) => {
        f.setFieldsValue({ method: 'per_application', quantity: q.per_application.quantity, amount: q.per_application.amount });
        setFeeBasis(`该申请人本月在本机关的第 ${q.month_count} 件申请，按件计收 ${q.per_application.amount} 元。${Array.isArray(q.per_application.basis) ? q.per_application.basis.join('；') : q.per_application.basis}`);
      },
      () => undefined,
    );
  }, [type, caseId, f]);

  // 按量: the fee of the pages entered, from the server's bands.
  const requote = (changed: Record<string, unknown>, all: Record<string, unknown>) => {
    if (type !== 'fee_notice_sent' || !('method' in changed || 'quantity' in changed)) return;
    const pages = Number(all.quantity);
    if (all.method !== 'per_volume' || !Number.isInteger(pages) || pages < 1) return;
    void api<{ per_volume?: { amount: number; basis: string[] | string } }>(`/cases/${caseId}/fee-quote?pages=${pages}`).then(
      (q) => {
        if (!q.per_volume) return;
        f.setFieldValue('amount', q.per_volume.amount);
        setFeeBasis(`按量计收 ${pages} 页：${q.per_volume.amount} 元。${Array.isArray(q.per_volume.basis) ? q.per_volume.basis.join('；') : q.per_volume.basis}`);
      },
      () => undefined,
    );
  };

  const submit = async (values: Record<string, unknown>) => {
    setBusy(true);
    setRefused([]);
    const body: Record<string, unknown> = { type };
    for (const k of fields) {
      const v = values[k];
      if (v === undefined || v === null || v === '') continue;
      if (props[k].type === 'array') {
        const items = (typeof v === 'string' ? v : '')
          .split('\n')
          .map((x) => x.trim())
          .filter(Boolean);
        if (items.length) body[k] = items;
      } else body[k] = typeof v === 'string' ? v.trim() : v;
    }
    if (type === 'consultation_sent') body.consultationId = crypto.randomUUID();
    try {
      const r = await api<{ warnings: string[] }>(`/cases/${caseId}/actions`, { method: 'POST', body });
      f.resetFields();
      onDone(r.warnings);
    } catch (e) {
      setRefused(e instanceof ApiError ? e.message.split('；') : [String(e)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={f} layout="vertical" onFinish={(v) => void submit(v)} onValuesChange={requote} initialValues={{ on: chinaToday() }} className="action-form" aria-label={schema.title}>
      {feeBasis && <Alert type="info" showIcon message={feeBasis} style={{ marginBottom: 12 }} />}
      {fields.map((k) => {
        const s = props[k];
        const label = s.title ?? k;
        const rules = required.has(k) ? [{ required: true, message: `请填写${label}` }] : [];
        const options = choices(k, s, detail, vocab);
        let input;
        if (options) input = <Select options={options} placeholder="请选择" style={{ minWidth: 240 }} />;
        else if (s.type === 'integer') input = <InputNumber {...(s.minimum !== undefined ? { min: s.minimum } : {})} {...(s.maximum !== undefined ? { max: s.maximum } : {})} style={{ width: 180 }} />;
        else if (s.type === 'array') input = <Input.TextArea rows={3} placeholder="每行一项" />;
        else if (s.pattern && DATE.test(s.pattern)) input = <Input type="date" style={{ width: 180 }} />;
        else if ((s.maxLength ?? 0) > 300) input = <Input.TextArea rows={2} maxLength={s.maxLength} />;
        else input = <Input maxLength={s.maxLength} />;
        return (
          <Form.Item key={k} label={label} name={k} rules={rules} {...(s.description ? { extra: s.description } : {})}>
            {input}
          </Form.Item>
        );
      })}
      {refused.length > 0 && (
        <Alert
          type="error"
          role="alert"
          showIcon
          message="未能记录"
          description={
            <ul className="reasons">
              {refused.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={busy}>
          记录：{schema.title}
        </Button>
      </Space>
    </Form>
  );
}
