// One case of the ledger: its summary and the basis of its due date, the timeline of its
// records (warnings with each, voided records struck through with the reason), the next records
// it can take as forms built from the API's action schema (the server's Chinese reasons shown
// when it refuses one), the applicant's data for staff handling the case (each view logged),
// letters, 一事一申请 split, and 行政复议/行政诉讼 records. Another agency's case answers 404.

import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Form, Input, Select, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { api, ApiError, useApi } from '../api.ts';
import { chinaToday, chineseDate, useVocabulary, type ActionSchema, type Applicant, type ApplicationForm, type CaseActionRecord, type CaseDetail, type Vocabulary } from '../cases.ts';
import { ActionForm } from '../components/ActionForm.tsx';
import { LetterPanel } from '../components/LetterPanel.tsx';
import { UrgencyTag } from './CasesPage.tsx';

/** The records a case at this stage usually takes next (the server decides; others stay reachable). */
function suggested(d: CaseDetail): string[] {
  const c = d.case;
  const pendingExtension = d.extension && !d.extension.notifiedOn ? ['extension_notified'] : [];
  const consulting = d.consultations.some((x) => !x.answeredOn) ? ['consultation_answered'] : [];
  switch (c.stage) {
    case 'processing':
      return [...pendingExtension, 'correction_requested', 'consultation_sent', 'extension_approved', 'fee_notice_sent', 'reply_sent', 'withdrawn'];
    case 'awaiting_correction':
      return ['correction_received', 'stopped', 'withdrawn'];
    case 'consulting':
      return [...consulting, ...pendingExtension, 'consultation_sent', 'extension_approved', 'reply_sent', 'withdrawn'];
    case 'awaiting_payment':
      return ['fee_paid', 'stopped', 'withdrawn'];
    case 'concluded':
      return [!d.actions.some((a) => a.type === 'delivered') && 'delivered', !d.actions.some((a) => a.type === 'archived') && 'archived'].filter((x): x is string => !!x);
    default:
      return [];
  }
}

/** Records with their own screens: registration, split, reviews. */
const OWN_SCREENS = new Set(['received', 'split', 'review_filed', 'review_decided']);

const ID_KIND_FALLBACK = '证件';

function details(a: CaseActionRecord, vocab: Vocabulary | undefined): string[] {
  const out: string[] = [];
  const outcomeLabel = (id: unknown) => vocab?.outcomes.find((o) => o.id === id)?.label ?? String(id);
  if (a.type === 'received') {
    const ch = vocab?.channels.find((c) => c.id === a.channel)?.label;
    if (ch) out.push(`方式：${ch}`);
    if (typeof a.confirmedOn === 'string') out.push(`确认：${chineseDate(a.confirmedOn)}`);
  }
  if (Array.isArray(a.items)) out.push(`补正事项：${(a.items as string[]).join('；')}`);
  if (typeof a.dueBy === 'string') out.push(`补正期限：${chineseDate(a.dueBy)}`);
  if (typeof a.partyName === 'string') out.push(`征求对象：${a.partyName}`);
  if (typeof a.workingDays === 'number') out.push(`延长 ${a.workingDays} 个工作日`);
  if (typeof a.reason === 'string' && a.type !== 'stopped') out.push(`理由：${a.reason}`);
  if (typeof a.amount === 'number') out.push(`金额：${a.amount} 元`);
  if (a.outcome) out.push(`结果：${outcomeLabel(a.outcome)}`);
  if (typeof a.grounds === 'string') out.push(`理由：${a.grounds}`);
  if (typeof a.replyNumber === 'string') out.push(`文号：${a.replyNumber}`);
  if (typeof a.method === 'string' && a.type === 'delivered') out.push(`送达方式：${a.method}`);
  if (typeof a.archiveNumber === 'string') out.push(`档号：${a.archiveNumber}`);
  if (a.type === 'review_filed') out.push(`${vocab?.review_kinds.find((k) => k.id === a.kind)?.label ?? String(a.kind)}：${String(a.body)}${typeof a.caseNumber === 'string' ? `（${a.caseNumber}）` : ''}`);
  if (a.type === 'review_decided') out.push(vocab?.review_results.find((k) => k.id === a.result)?.label ?? String(a.result));
  if (typeof a.note === 'string') out.push(`备注：${a.note}`);
  return out;
}

export default function CasePage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const detail = useApi<CaseDetail>(`/cases/${id}`);
  const schema = useApi<ActionSchema>('/cases/action-schema');
  const vocab = useVocabulary();
  const [type, setType] = useState<string | undefined>();
  const [warnings, setWarnings] = useState<string[]>([]);

  const byType = useMemo(() => new Map((schema.data?.anyOf ?? []).map((s) => [s.properties.type.const, s])), [schema.data]);
  if (detail.error) return <Alert type="error" role="alert" showIcon message={detail.error.status === 404 ? '案件不存在或无权查看' : detail.error.message} />;
  if (!detail.data) return <Spin />;
  const d = detail.data;
  const c = d.case;
  const next = suggested(d);
  // Voiding a mistaken record first: the placeholder names it.
  const others = [...byType.keys()].filter((t) => !OWN_SCREENS.has(t) && !next.includes(t)).sort((a, b) => Number(b === 'voided') - Number(a === 'voided'));
  const label = (t: string) => byType.get(t)?.title ?? t;
  const voided = new Map(d.voided.map((v) => [v.target, v]));
  const voidRecords = new Set(d.actions.filter((a) => a.type === 'voided').map((a) => a.id));
  const selected = type ? byType.get(type) : undefined;

  return (
    <article aria-labelledby="case-title">
      <Space wrap className="page-head">
        <h1 className="page-title" id="case-title">
          {c.receipt_number}
        </h1>
        <Tag color={c.open ? 'blue' : 'default'} className="stage-tag">
          {c.stage_label}
        </Tag>
        {c.open && <UrgencyTag c={c} />}
        {c.demo && <Tag className="demo-tag">示例数据</Tag>}
        <Link to="/cases">返回案件列表</Link>
      </Space>
      {d.problems.length > 0 && (
        <Alert
          type={d.problems.some((p) => p.severity === 'error') ? 'error' : 'warning'}
          showIcon
          message="本案记录存在问题"
          description={
            <ul className="reasons">
              {d.problems.map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 12 }}
        />
      )}
      <div className="case-grid">
        <div className="case-main">
          <Card title="概况" size="small" className="case-card">
            <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small">
              <Descriptions.Item label="收到申请之日">{chineseDate(c.received_on)}</Descriptions.Item>
              <Descriptions.Item label="申请人">
                {c.applicant}（{c.applicant_type_label}）
              </Descriptions.Item>
              <Descriptions.Item label="申请内容" span={2}>
                {c.description}
              </Descriptions.Item>
              <Descriptions.Item label="办理阶段">{c.stage_label}</Descriptions.Item>
              <Descriptions.Item label="答复期限">{c.open ? (c.due_label ?? (d.correction && !d.correction.receivedOn ? `等待补正（补正期限${chineseDate(d.correction.dueBy)}）` : '—')) : `${chineseDate(c.concluded_on)}办结`}</Descriptions.Item>
              {c.outcome_label && <Descriptions.Item label="办理结果">{c.outcome_label}</Descriptions.Item>}
              {d.correction && (
                <Descriptions.Item label="补正">
                  {chineseDate(d.correction.requestedOn)}告知，期限{chineseDate(d.correction.dueBy)}
                  {d.correction.receivedOn ? `，${chineseDate(d.correction.receivedOn)}收到` : '，尚未收到'}
                </Descriptions.Item>
              )}
              {d.extension && (
                <Descriptions.Item label="延期">
                  {d.extension.approver}批准延长 {d.extension.workingDays} 个工作日{d.extension.notifiedOn ? `，${chineseDate(d.extension.notifiedOn)}告知申请人` : '，尚未告知申请人'}
                </Descriptions.Item>
              )}
              {d.fee && (
                <Descriptions.Item label="信息处理费">
                  {d.fee.amount} 元，缴费期限{chineseDate(d.fee.payBy)}
                  {d.fee.paidOn ? `，${chineseDate(d.fee.paidOn)}已缴` : '，尚未缴纳'}
                </Descriptions.Item>
              )}
              {d.consultations.map((x) => (
                <Descriptions.Item key={x.id} label="征求意见">
                  {x.partyName}：{chineseDate(x.sentOn)}发出，期限{chineseDate(x.periodEnds)}
                  {x.answeredOn ? `，${chineseDate(x.answeredOn)}答复` : '，尚未答复'}
                </Descriptions.Item>
              ))}
              {d.reply_time && (
                <Descriptions.Item label="答复用时">
                  {d.reply_time.workingDays} 个工作日（允许 {d.reply_time.allowedWorkingDays} 个，{d.reply_time.withinDeadline ? '在期限内' : '超期'}）
                </Descriptions.Item>
              )}
              {d.split_into.length > 0 && <Descriptions.Item label="已拆分为">{d.split_into.length} 件</Descriptions.Item>}
            </Descriptions>
            {d.deadline && (
              <section aria-label="期限依据" className="basis-box">
                <h2 className="sub-title">期限依据</h2>
                <ol>
                  {d.deadline.basis.map((b, i) => (
                    <li key={i}>{b}</li>
                  ))}
                </ol>
              </section>
            )}
            <ApplicantView caseId={c.id} allowed={d.may_view_applicant} />
          </Card>

          <Card title="办理记录" size="small" className="case-card">
            <Timeline
              className="case-timeline"
              items={d.actions.map((a) => {
                const v = voided.get(a.id);
                return {
                  color: v ? 'gray' : voidRecords.has(a.id) ? 'orange' : a.warnings.length ? 'orange' : 'blue',
                  children: (
                    <div className={v ? 'action voided' : 'action'} data-type={a.type}>
                      <div>
                        <strong>{chineseDate(a.on)}</strong> {a.label} <Typography.Text type="secondary">（{a.by}）</Typography.Text>
                        {v && <Tag style={{ marginLeft: 4 }}>已作废</Tag>}
                      </div>
                      {details(a, vocab.data).map((x) => (
                        <div key={x} className="action-detail">
                          {x}
                        </div>
                      ))}
                      {v && <div className="action-detail">作废理由：{v.reason}</div>}
                      {a.warnings.map((w) => (
                        <Typography.Text key={w} type="warning" className="alert-text">
                          注意：{w}
                        </Typography.Text>
                      ))}
                    </div>
                  ),
                };
              })}
            />
          </Card>
        </div>

        <div className="case-side">
          <Card title="下一步" size="small" className="case-card">
            {warnings.length > 0 && <Alert type="warning" showIcon closable message="已记录，但请注意" description={<ul className="reasons">{warnings.map((w) => <li key={w}>{w}</li>)}</ul>} style={{ marginBottom: 12 }} onClose={() => setWarnings([])} />}
            {next.length > 0 && (
              <Space wrap className="next-actions" aria-label="常用的下一步">
                {next.map((t) => (
                  <Button key={t} type={type === t ? 'primary' : 'default'} onClick={() => setType(t)}>
                    {label(t)}
                  </Button>
                ))}
              </Space>
            )}
            <Select
              id="other-action"
              aria-label="其他记录"
              placeholder="其他记录（如作废一条记录）"
              value={type && !next.includes(type) ? type : undefined}
              onChange={setType}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={others.map((t) => ({ value: t, label: label(t) }))}
              style={{ minWidth: 240, marginTop: 8 }}
            />
            {selected && type && (
              <div className="action-form-wrap">
                <ActionForm
                  key={type}
                  caseId={c.id}
                  type={type}
                  schema={selected}
                  detail={d}
                  vocab={vocab.data}
                  onDone={(w) => {
                    setType(undefined);
                    setWarnings(w);
                    void message.success(`已记录：${label(type)}`);
                    detail.reload();
                  }}
                />
              </div>
            )}
          </Card>
          {d.may_view_applicant && <LetterPanel detail={d} vocab={vocab.data} onIssued={() => detail.reload()} />}
          {c.open && c.stage !== 'superseded' && <SplitCard caseId={c.id} />}
          <ReviewsCard detail={d} vocab={vocab.data} onChange={() => detail.reload()} />
        </div>
      </div>
    </article>
  );
}

function ApplicantView({ caseId, allowed }: { caseId: string; allowed: boolean }) {
  const [applicant, setApplicant] = useState<Applicant | null>(null);
  const [error, setError] = useState<string | null>(null);
  const form = useApi<ApplicationForm>(applicant ? '/public/applications/form' : null);
  if (!allowed) return <p className="hint">申请人的身份和联系方式仅办理本案的工作人员可以查看。</p>;
  if (!applicant)
    return (
      <div>
        <Button
          onClick={() =>
            void api<{ applicant: Applicant }>(`/cases/${caseId}/applicant`).then(
              (r) => setApplicant(r.applicant),
              (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)),
            )
          }
        >
          查看申请人信息
        </Button>
        <span className="hint"> 每次查看都记入审计日志。</span>
        {error && <Alert type="error" role="alert" showIcon message={error} />}
      </div>
    );
  const kind = applicant.idKind ? (form.data?.id_kinds[applicant.idKind] ?? ID_KIND_FALLBACK) : ID_KIND_FALLBACK;
  return (
    <section aria-label="申请人信息" className="applicant-box">
      <h2 className="sub-title">申请人信息（已记入审计日志）</h2>
      <Descriptions column={{ xs: 1, md: 2 }} size="small" bordered>
        <Descriptions.Item label="姓名或名称">{applicant.name}</Descriptions.Item>
        <Descriptions.Item label={kind}>{applicant.idNumber ?? '—'}</Descriptions.Item>
        {applicant.contactPerson && <Descriptions.Item label="联系人">{applicant.contactPerson}</Descriptions.Item>}
        <Descriptions.Item label="联系电话">{applicant.phone ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="电子邮箱">{applicant.email ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="通信地址">
          {applicant.address ?? '—'}
          {applicant.postcode ? `（${applicant.postcode}）` : ''}
        </Descriptions.Item>
      </Descriptions>
      <Button size="small" onClick={() => setApplicant(null)} style={{ marginTop: 8 }}>
        隐藏
      </Button>
    </section>
  );
}

function SplitCard({ caseId }: { caseId: string }) {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { on: string; parts: { description: string }[] }) => {
    setBusy(true);
    setError([]);
    try {
      await api(`/cases/${caseId}/split`, { method: 'POST', body: { on: v.on, parts: v.parts.map((p) => ({ description: p.description.trim() })) } });
      void navigate('/cases?open=true');
    } catch (e) {
      setError(e instanceof ApiError ? e.message.split('；') : [String(e)]);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title="一事一申请：拆分" size="small" className="case-card">
      {!open ? (
        <Button onClick={() => setOpen(true)}>拆分为多件申请</Button>
      ) : (
        <Form layout="vertical" onFinish={(v: { on: string; parts: { description: string }[] }) => void submit(v)} initialValues={{ on: chinaToday(), parts: [{ description: '' }, { description: '' }] }}>
          <Form.Item label="拆分日期" name="on" rules={[{ required: true, message: '请填写日期' }]}>
            <Input type="date" style={{ width: 180 }} />
          </Form.Item>
          <Form.List name="parts">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <Space key={field.key} align="start" style={{ display: 'flex' }}>
                    <Form.Item label={`第 ${i + 1} 件的申请内容`} name={[field.name, 'description']} rules={[{ required: true, whitespace: true, message: '请填写申请内容' }]} style={{ flex: 1, minWidth: 220 }}>
                      <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
                    </Form.Item>
                    {fields.length > 2 && (
                      <Button onClick={() => remove(field.name)} aria-label={`删除第 ${i + 1} 件`} style={{ marginTop: 30 }}>
                        删除
                      </Button>
                    )}
                  </Space>
                ))}
                <Button onClick={() => add({ description: '' })} style={{ marginBottom: 12 }}>
                  再加一件
                </Button>
              </>
            )}
          </Form.List>
          {error.length > 0 && <Alert type="error" role="alert" showIcon message="未能拆分" description={<ul className="reasons">{error.map((r) => <li key={r}>{r}</li>)}</ul>} style={{ marginBottom: 12 }} />}
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              拆分
            </Button>
            <Button onClick={() => setOpen(false)}>取消</Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}

function ReviewsCard({ detail, vocab, onChange }: { detail: CaseDetail; vocab: Vocabulary | undefined; onChange: () => void }) {
  const [filing, setFiling] = useState(false);
  const [error, setError] = useState<string[]>([]);
  const caseId = detail.case.id;
  const kindLabel = (k: string) => vocab?.review_kinds.find((x) => x.id === k)?.label ?? k;
  const resultLabel = (r: string) => vocab?.review_results.find((x) => x.id === r)?.label ?? r;
  const call = async (path: string, body: unknown) => {
    setError([]);
    try {
      await api(path, { method: 'POST', body });
      setFiling(false);
      onChange();
    } catch (e) {
      setError(e instanceof ApiError ? e.message.split('；') : [String(e)]);
    }
  };
  return (
    <Card title="行政复议、行政诉讼" size="small" className="case-card">
      {detail.reviews.length === 0 && <p>没有针对本案的复议或诉讼。</p>}
      {detail.reviews.map((r) => (
        <div key={r.recordId} className="review-record">
          <div>
            {chineseDate(r.filedOn)} {kindLabel(r.kind)}：{r.body}
          </div>
          {r.result ? (
            <div>
              结果：{resultLabel(r.result)}（{chineseDate(r.decidedOn)}）
            </div>
          ) : (
            <Form layout="inline" onFinish={(v: { result: string; on: string }) => void call(`/cases/${caseId}/reviews/${r.recordId}/decision`, v)} initialValues={{ on: chinaToday() }} className="review-decision">
              <Form.Item name="result" rules={[{ required: true, message: '请选择结果' }]}>
                <Select aria-label="复议诉讼结果" placeholder="结果" options={(vocab?.review_results ?? []).map((x) => ({ value: x.id, label: x.label }))} style={{ minWidth: 220 }} />
              </Form.Item>
              <Form.Item name="on" rules={[{ required: true, message: '请填写日期' }]}>
                <Input type="date" aria-label="结果日期" />
              </Form.Item>
              <Button htmlType="submit">登记结果</Button>
            </Form>
          )}
        </div>
      ))}
      {error.length > 0 && <Alert type="error" role="alert" showIcon message="未能登记" description={<ul className="reasons">{error.map((r) => <li key={r}>{r}</li>)}</ul>} style={{ margin: '8px 0' }} />}
      {!filing ? (
        <Button onClick={() => setFiling(true)} style={{ marginTop: 8 }}>
          登记复议或诉讼
        </Button>
      ) : (
        <Form
          layout="vertical"
          onFinish={(v: { kind: string; body: string; case_number?: string; on: string }) => void call(`/cases/${caseId}/reviews`, { kind: v.kind, body: v.body.trim(), on: v.on, ...(v.case_number?.trim() ? { case_number: v.case_number.trim() } : {}) })}
          initialValues={{ on: chinaToday() }}
          style={{ marginTop: 8 }}
        >
          <Form.Item label="类别" name="kind" rules={[{ required: true, message: '请选择类别' }]}>
            <Select options={(vocab?.review_kinds ?? []).map((x) => ({ value: x.id, label: x.label }))} />
          </Form.Item>
          <Form.Item label="复议机关或人民法院" name="body" rules={[{ required: true, whitespace: true, message: '请填写复议机关或人民法院' }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item label="案号（选填）" name="case_number">
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item label="申请或起诉日期" name="on" rules={[{ required: true, message: '请填写日期' }]}>
            <Input type="date" style={{ width: 180 }} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              登记
            </Button>
            <Button onClick={() => setFiling(false)}>取消</Button>
          </Space>
        </Form>
      )}
    </Card>
  );
}
