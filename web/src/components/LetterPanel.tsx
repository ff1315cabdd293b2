// The letters of a case: those issued (Word / PDF to download) and a new one — pick the kind
// (and, for 答复告知书, the outcome), see the statutory text as it is locked in the template with
// the slots filled from the case, fill or correct the slots, issue it. The draft carries the
// applicant's name: only staff handling the case get it, and the server logs each view.

import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, List, Select, Space, Spin } from 'antd';
import { api, ApiError } from '../api.ts';
import { chineseDate, type CaseDetail, type Vocabulary } from '../cases.ts';

type BodyItem = string | { list: string } | { if: string; text: string };
type SlotValue = string | number | string[];

interface Draft {
  kind: string;
  variant: string | null;
  title: string;
  locked_text: BodyItem[];
  slots: { id: string; label: string; type: 'text' | 'date' | 'list' | 'integer' | 'yuan'; optional?: boolean; min?: number; max?: number }[];
  prefilled: Record<string, SlotValue>;
}

const SHARED: Record<string, string> = { remedies: '（救济途径：按本机关设置的复议机关和人民法院填入）', contact: '（联系方式：按本机关设置填入）' };

/** A form value as text (strings and numbers; anything else is empty). */
const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

function shown(draft: Draft, values: Record<string, unknown>, id: string): string {
  const slot = draft.slots.find((s) => s.id === id);
  const v = values[id];
  if (v === undefined || v === null || v === '') return `【${slot?.label ?? id}】`;
  if (slot?.type === 'date') return chineseDate(text(v));
  if (slot?.type === 'yuan') return `${text(v)}元`;
  return text(v);
}

/** The locked text with the slots as they are filled now (placeholders in 【】 until filled). */
function Preview({ draft, values }: { draft: Draft; values: Record<string, unknown> }) {
  const fill = (text: string) => text.replace(/\{([A-Za-z]+)\}/g, (_, id: string) => SHARED[id] ?? shown(draft, values, id));
  return (
    <div className="letter-preview" aria-label="文书预览">
      <h3>{draft.title}</h3>
      {draft.locked_text.map((item, i) => {
        if (typeof item === 'string') return <p key={i}>{fill(item)}</p>;
        if ('list' in item) {
          const lines = text(values[item.list])
            .split('\n')
            .filter((x) => x.trim());
          return (
            <ol key={i}>
              {(lines.length ? lines : [`【${draft.slots.find((s) => s.id === item.list)?.label ?? item.list}】`]).map((l, j) => (
                <li key={j}>{l}</li>
              ))}
            </ol>
          );
        }
        return values[item.if] ? <p key={i}>{fill(item.text)}</p> : null;
      })}
    </div>
  );
}

export function LetterPanel({ detail, vocab, onIssued }: { detail: CaseDetail; vocab: Vocabulary | undefined; onIssued: () => void }) {
  const id = detail.case.id;
  const [kind, setKind] = useState<string | undefined>();
  const [chosen, setVariant] = useState<string | undefined>();
  // A reply letter is for the case's outcome unless another is chosen.
  const variant = chosen ?? detail.case.outcome ?? undefined;
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [issueError, setIssueError] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [f] = Form.useForm<Record<string, unknown>>();
  const values = Form.useWatch([], f) ?? {};
  const titles = useMemo(() => new Map(vocab?.letters.map((l) => [l.kind, l.title])), [vocab]);
  const outcomeLabels = useMemo(() => new Map(vocab?.outcomes.map((o) => [o.id, o.label])), [vocab]);
  const replyVariants = vocab?.letters.find((l) => l.kind === 'reply')?.variants ?? [];

  useEffect(() => {
    setDraft(null);
    setError(null);
    setIssueError([]);
    if (!kind || (kind === 'reply' && !variant)) return;
    let live = true;
    api<Draft>(`/cases/${id}/letters/draft?kind=${kind}${kind === 'reply' && variant ? `&variant=${variant}` : ''}`).then(
      (d) => {
        if (!live) return;
        setDraft(d);
        f.resetFields();
        f.setFieldsValue(Object.fromEntries(Object.entries(d.prefilled).map(([k, v]) => [k, Array.isArray(v) ? v.join('\n') : v])));
      },
      (e: unknown) => live && setError(e instanceof ApiError ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [id, kind, variant, f]);

  const issue = async (v: Record<string, unknown>) => {
    if (!draft) return;
    setBusy(true);
    setIssueError([]);
    const slots: Record<string, SlotValue> = {};
    for (const s of draft.slots) {
      const x = v[s.id];
      if (x === undefined || x === null || x === '') continue;
      slots[s.id] = s.type === 'list' ? text(x).split('\n').map((l) => l.trim()).filter(Boolean) : typeof x === 'string' ? x.trim() : (x as number);
    }
    const number = typeof v.__number === 'string' && v.__number.trim() ? v.__number.trim() : undefined;
    try {
      await api(`/cases/${id}/letters`, { method: 'POST', body: { kind: draft.kind, ...(draft.variant ? { variant: draft.variant } : {}), slots, ...(number ? { number } : {}) } });
      setKind(undefined);
      onIssued();
    } catch (e) {
      setIssueError(e instanceof ApiError ? e.message.split('；') : [String(e)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="文书" size="small" className="case-card">
      {detail.letters.length > 0 ? (
        <List
          size="small"
          className="letter-list"
          dataSource={detail.letters}
          renderItem={(l) => {
            const title = `${titles.get(l.kind) ?? l.kind}${l.variant ? `（${outcomeLabels.get(l.variant) ?? l.variant}）` : ''}`;
            return (
              <List.Item>
                <Space wrap>
                  <span>
                    {chineseDate(l.issued_on)} {title}
                    {l.number ? ` ${l.number}` : ''}
                  </span>
                  <a href={`/api/cases/${id}/letters/${l.id}?to=docx`} download aria-label={`下载 Word：${title}`}>
                    Word
                  </a>
                  <a href={`/api/cases/${id}/letters/${l.id}?to=pdf`} download aria-label={`下载 PDF：${title}`}>
                    PDF
                  </a>
                </Space>
              </List.Item>
            );
          }}
        />
      ) : (
        <p>尚未出具文书。</p>
      )}
      <Space wrap className="letter-pick">
        <Select aria-label="文书种类" placeholder="出具文书：选择种类" value={kind} onChange={setKind} allowClear options={(vocab?.letters ?? []).map((l) => ({ value: l.kind, label: l.title }))} style={{ minWidth: 240 }} />
        {kind === 'reply' && (
          <Select aria-label="办理结果" placeholder="办理结果" value={variant} onChange={setVariant} options={replyVariants.map((o) => ({ value: o.id, label: o.label }))} style={{ minWidth: 280 }} showSearch={{ optionFilterProp: 'label' }} />
        )}
      </Space>
      {error && <Alert type="error" role="alert" showIcon message={error} style={{ marginTop: 12 }} />}
      {kind && !draft && !error && <Spin style={{ display: 'block', marginTop: 12 }} />}
      {draft && (
        <div className="letter-draft">
          <Alert type="info" showIcon message="法定文字已锁定，只能填写栏目；预览随栏目更新。" style={{ margin: '12px 0' }} />
          <div className="letter-columns">
            <Preview draft={draft} values={values} />
            <Form form={f} layout="vertical" onFinish={(v) => void issue(v)} className="letter-slots" aria-label="文书栏目">
              {draft.slots.map((s) => {
                const rules = s.optional ? [] : [{ required: true, message: `请填写${s.label}` }];
                const input =
                  s.type === 'date' ? (
                    <Input type="date" />
                  ) : s.type === 'list' ? (
                    <Input.TextArea rows={3} placeholder="每行一项" />
                  ) : s.type === 'integer' || s.type === 'yuan' ? (
                    <InputNumber min={s.min ?? 0} {...(s.max !== undefined ? { max: s.max } : {})} style={{ width: 160 }} />
                  ) : (
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
                  );
                return (
                  <Form.Item key={s.id} label={`${s.label}${s.optional ? '（选填）' : ''}`} name={s.id} rules={rules}>
                    {input}
                  </Form.Item>
                );
              })}
              <Form.Item label="文号（选填）" name="__number">
                <Input maxLength={100} placeholder="如：云岫财依申请〔2026〕1号" />
              </Form.Item>
              {issueError.length > 0 && (
                <Alert
                  type="error"
                  role="alert"
                  showIcon
                  message="未能出具"
                  description={
                    <ul className="reasons">
                      {issueError.map((r) => (
                        <li key={r}>{r}</li>
                      ))}
                    </ul>
                  }
                  style={{ marginBottom: 12 }}
                />
              )}
              <Button type="primary" htmlType="submit" loading={busy}>
                出具{draft.title}
              </Button>
            </Form>
          </div>
        </div>
      )}
    </Card>
  );
}
