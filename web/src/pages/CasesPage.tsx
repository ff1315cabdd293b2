// 依申请公开: the agency's case ledger as a deadlines dashboard. Reminders at the top (overdue,
// due within 5 working days, other alerts), then the cases, overdue first, each with its due
// date and the basis the server derived it from (received on …, +20 working days, paused …,
// extended …, 暂定 when the year's holidays are not yet published). Filters are kept in the URL;
// the export and the registration of letters, visits, fax and oral applications are here.

import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useUrlFilters } from '../url-filters.ts';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api, ApiError, qs, useApi } from '../api.ts';
import { chinaToday, chineseDate, URGENCY_COLORS, useVocabulary, type ApplicationForm, type CaseSummary } from '../cases.ts';
import { ApplicantFields, fieldOf, RequestFields, toApplicant, toRequest, type ApplicationValues } from '../components/ApplicationFields.tsx';

const PAGE = 50;
const FILTERS = ['stage', 'urgency', 'year', 'open'] as const;

interface Reminders {
  today: string;
  overdue: CaseSummary[];
  due_soon: CaseSummary[];
  alerts: { id: string; receipt_number: string; alerts: string[] }[];
}

export function DueCell({ c }: { c: CaseSummary }) {
  if (!c.open) return <span>{c.concluded_on ? `${chineseDate(c.concluded_on)}办结` : '—'}</span>;
  return (
    <div className="due-cell">
      <div>
        {c.due ? chineseDate(c.due) : '—'}
        {c.provisional && (
          <Tag color="gold" style={{ marginLeft: 4 }}>
            暂定
          </Tag>
        )}
      </div>
      {c.basis.length > 0 && (
        <details className="basis">
          <summary>期限依据</summary>
          <ol>
            {c.basis.map((b, i) => (
              <li key={i}>{b}</li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}

export function UrgencyTag({ c }: { c: CaseSummary }) {
  const days = c.working_days_left;
  const extra = c.urgency === 'overdue' && days !== null ? `（逾期 ${Math.abs(days)} 个工作日）` : c.urgency === 'due_soon' && days !== null ? `（剩 ${days} 个工作日）` : '';
  return (
    <Tag color={URGENCY_COLORS[c.urgency]}>
      {c.urgency_label}
      {extra}
    </Tag>
  );
}

export default function CasesPage() {
  const { filter, page, set, clear } = useUrlFilters(FILTERS);
  const vocab = useVocabulary();
  const [registering, setRegistering] = useState(false);
  const list = useApi<{ total: number; today: string; items: CaseSummary[] }>(`/cases${qs({ ...filter, limit: PAGE, offset: (page - 1) * PAGE })}`);
  const reminders = useApi<Reminders>(list.error ? null : '/cases/reminders');
  const thisYear = Number(chinaToday().slice(0, 4));
  const years = Array.from({ length: 8 }, (_, i) => thisYear - i);

  const columns: ColumnsType<CaseSummary> = [
    {
      title: '受理编号',
      dataIndex: 'receipt_number',
      render: (n: string, c) => (
        <Space size={4} wrap>
          <Link to={`/cases/${c.id}`}>{n}</Link>
          {c.demo && <Tag className="demo-tag">示例数据</Tag>}
          <span className="xs-only">{c.stage_label}</span>
        </Space>
      ),
    },
    { title: '收到日期', dataIndex: 'received_on', render: (d: string) => <span className="nowrap">{chineseDate(d)}</span>, responsive: ['sm'] },
    {
      title: '申请人',
      key: 'applicant',
      render: (_, c) => (
        <span>
          {c.applicant}
          <br />
          <Typography.Text type="secondary">{c.applicant_type_label}</Typography.Text>
        </span>
      ),
      responsive: ['md'],
    },
    { title: '申请内容', dataIndex: 'description', ellipsis: true, responsive: ['lg'] },
    { title: '阶段', dataIndex: 'stage_label', render: (s: string, c) => (c.outcome_label ? `${s}：${c.outcome_label}` : s), responsive: ['sm'] },
    { title: '答复期限', key: 'due', render: (_, c) => <DueCell c={c} /> },
    {
      title: '期限状态',
      key: 'urgency',
      render: (_, c) => (
        <Space direction="vertical" size={2}>
          <UrgencyTag c={c} />
          {c.alerts.map((a) => (
            <Typography.Text key={a} type="warning" className="alert-text">
              {a}
            </Typography.Text>
          ))}
        </Space>
      ),
    },
  ];

  const r = reminders.data;
  return (
    <section aria-labelledby="cases-title">
      <Space className="page-head" wrap>
        <h1 className="page-title" id="cases-title">
          依申请公开
        </h1>
        <Button type="primary" onClick={() => setRegistering(true)}>
          登记申请
        </Button>
        <Link to={`/ledger/${thisYear - 1}`}>年度统计</Link>
      </Space>
      {list.error && <Alert type="error" message={list.error.message} showIcon role="alert" />}
      {r && (
        <div className="counts reminders" aria-live="polite">
          <Statistic title="已超期" value={r.overdue.length} suffix="件" className={r.overdue.length ? 'stat-alarm' : ''} />
          <Statistic title="5 个工作日内到期" value={r.due_soon.length} suffix="件" />
          <Statistic title="其他提示" value={r.alerts.length} suffix="件" />
          <Statistic title="今天" value={chineseDate(r.today)} />
        </div>
      )}
      {r && r.overdue.length + r.due_soon.length > 0 && (
        <Card size="small" title="提醒" className="reminder-card">
          <ul className="reminder-list">
            {[...r.overdue, ...r.due_soon].map((c) => (
              <li key={c.id}>
                <UrgencyTag c={c} /> <Link to={`/cases/${c.id}`}>{c.receipt_number}</Link> 答复期限 {c.due_label}
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Space wrap className="filters" role="search" aria-label="筛选案件">
        <Select aria-label="办理阶段" placeholder="办理阶段" allowClear value={filter.stage} onChange={(v?: string) => set('stage', v)} options={(vocab.data?.stages ?? []).map((s) => ({ value: s.id, label: s.label }))} style={{ width: 140 }} />
        <Select aria-label="期限状态" placeholder="期限状态" allowClear value={filter.urgency} onChange={(v?: string) => set('urgency', v)} options={(vocab.data?.urgencies ?? []).map((s) => ({ value: s.id, label: s.label }))} style={{ width: 140 }} />
        <Select aria-label="收到年份" placeholder="收到年份" allowClear value={filter.year} onChange={(v?: string) => set('year', v)} options={years.map((y) => ({ value: String(y), label: `${y}年` }))} style={{ width: 120 }} />
        <Select aria-label="是否办结" placeholder="是否办结" allowClear value={filter.open} onChange={(v?: string) => set('open', v)} options={[{ value: 'true', label: '未办结' }, { value: 'false', label: '已办结' }]} style={{ width: 120 }} />
        {Object.keys(filter).length > 0 && <Button onClick={clear}>清除筛选</Button>}
        <a href={`/api/cases/export${qs({ year: filter.year })}`} download>
          导出 CSV
        </a>
      </Space>
      <Table<CaseSummary>
        rowKey="id"
        size="small"
        loading={list.loading}
        columns={columns}
        dataSource={list.data?.items ?? []}
        rowClassName={(c) => `case-row urgency-${c.urgency}`}
        scroll={{ x: true }}
        pagination={{ current: page, pageSize: PAGE, total: list.data?.total ?? 0, showSizeChanger: false, showTotal: (t) => `共 ${t} 件`, onChange: (p) => set('page', String(p)) }}
      />
      {registering && <RegisterModal onClose={() => setRegistering(false)} />}
    </section>
  );
}

type RegisterValues = ApplicationValues & { via: string; on: string; confirmed_on?: string; note?: string };

/** When the date counts, by channel (条例第三十一条). */
const CHANNEL_RULES: Record<string, { on: string; confirmed?: string; help: string }> = {
  in_person: { on: '提交日期', help: '当面提交的，以提交之日为收到申请之日。' },
  oral: { on: '提出日期', help: '口头提出、由工作人员代为填写的，以提出之日为收到申请之日。' },
  registered_post: { on: '签收日期', help: '以邮政挂号信等需要签收的方式邮寄的，以签收之日为收到申请之日。' },
  ordinary_post: { on: '收到信函日期', confirmed: '与申请人确认日期', help: '以平常信函等无需签收的方式邮寄的，以与申请人确认之日为收到申请之日（应在收到当日确认）。' },
  online: { on: '提交日期', confirmed: '双方确认日期', help: '通过互联网渠道提交的，以双方确认之日为收到申请之日。' },
  fax: { on: '收到传真日期', confirmed: '双方确认日期', help: '通过政府信息公开工作机构的传真提交的，以双方确认之日为收到申请之日。' },
};

function RegisterModal({ onClose }: { onClose: () => void }) {
  const vocab = useVocabulary();
  const options = useApi<ApplicationForm>('/public/applications/form');
  const navigate = useNavigate();
  const [f] = Form.useForm<RegisterValues>();
  const channel = Form.useWatch('via', f) as string | undefined;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ id: string; receipt_number: string; query_code: string; received_on: string; warnings: string[] } | null>(null);
  const rule = channel ? CHANNEL_RULES[channel] : undefined;
  const submit = async (v: RegisterValues) => {
    setBusy(true);
    setError(null);
    try {
      setDone(
        await api('/cases', {
          method: 'POST',
          body: { channel: v.via, on: v.on, ...(v.confirmed_on ? { confirmed_on: v.confirmed_on } : {}), applicant: toApplicant(v), request: toRequest(v), ...(v.note?.trim() ? { note: v.note.trim() } : {}) },
        }),
      );
    } catch (e) {
      const message = e instanceof ApiError ? e.message : String(e);
      const field = fieldOf(message);
      if (field) f.setFields([{ name: field, errors: [message] }]);
      setError(message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title="登记政府信息公开申请" onCancel={onClose} footer={null} width={760} destroyOnHidden>
      {done ? (
        <div>
          <Alert type="success" showIcon message={`已登记，受理编号 ${done.receipt_number}`} description="请把受理编号和查询码告知申请人（查询码只显示这一次），申请人可凭二者在本平台查询办理进度。" />
          <Descriptions bordered column={1} size="small" style={{ marginTop: 12 }}>
            <Descriptions.Item label="受理编号">
              <Typography.Text copyable className="code">
                {done.receipt_number}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="查询码">
              <Typography.Text copyable className="code">
                {done.query_code}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="收到申请之日">{chineseDate(done.received_on)}</Descriptions.Item>
          </Descriptions>
          {done.warnings.map((w) => (
            <Alert key={w} type="warning" showIcon message={w} style={{ marginTop: 8 }} />
          ))}
          <Space style={{ marginTop: 16 }}>
            <Button type="primary" onClick={() => void navigate(`/cases/${done.id}`)}>
              打开案件
            </Button>
            <Button onClick={onClose}>关闭</Button>
          </Space>
        </div>
      ) : (
        <Form form={f} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ on: chinaToday() }} scrollToFirstError>
          {error && <Alert type="error" role="alert" showIcon message={error} style={{ marginBottom: 12 }} />}
          <Card size="small" title="收到方式和日期" className="form-card">
            <Form.Item label="提交方式" name="via" rules={[{ required: true, message: '请选择提交方式' }]}>
              <Select options={(vocab.data?.channels ?? []).map((c) => ({ value: c.id, label: c.label }))} placeholder="请选择" />
            </Form.Item>
            {rule && <Alert type="info" showIcon message={rule.help} style={{ marginBottom: 12 }} />}
            <Space wrap align="start" className="form-row">
              <Form.Item label={rule?.on ?? '收到日期'} name="on" rules={[{ required: true, message: '请填写日期' }]}>
                <Input type="date" max={chinaToday()} />
              </Form.Item>
              {rule?.confirmed && (
                <Form.Item label={rule.confirmed} name="confirmed_on" rules={[{ required: true, message: `请填写${rule.confirmed}` }]}>
                  <Input type="date" max={chinaToday()} />
                </Form.Item>
              )}
            </Space>
          </Card>
          {options.data && <ApplicantFields form={f} options={options.data} requireId={false} />}
          <RequestFields />
          <Form.Item label="备注" name="note">
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              登记
            </Button>
            <Button onClick={onClose}>取消</Button>
          </Space>
        </Form>
      )}
    </Modal>
  );
}
