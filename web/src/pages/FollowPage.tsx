// 查询办理进度: the applicant follows their case with the receipt number and the query code,
// without an account. The answer has no personal data; a wrong code and an unknown number get
// the same message from the server.

import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, Card, Descriptions, Form, Input, Tag, Timeline } from 'antd';
import { api, ApiError } from '../api.ts';
import { chineseDate } from '../cases.ts';

interface Status {
  receipt_number: string;
  agency: string;
  received_on: string;
  stage_label: string;
  open: boolean;
  due: string | null;
  due_provisional: boolean;
  correction_due_by: string | null;
  fee: { amount: number; pay_by: string } | null;
  outcome_label: string | null;
  concluded_on: string | null;
  split_into: string[];
  steps: { on: string; label: string }[];
}

export default function FollowPage() {
  const [params] = useSearchParams();
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { receipt_number: string; query_code: string }) => {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      setStatus(await api<Status>('/public/applications/follow', { method: 'POST', body: { receipt_number: v.receipt_number.trim(), query_code: v.query_code.trim() } }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <article aria-labelledby="follow-title" className="narrow-page">
      <h1 className="page-title" id="follow-title">
        查询办理进度
      </h1>
      <p>
        请输入提交申请时获得的受理编号和查询码。还没有申请？<Link to="/apply">在线申请公开</Link>。
      </p>
      <Card size="small" className="form-card">
        <Form layout="vertical" onFinish={(v: { receipt_number: string; query_code: string }) => void submit(v)} initialValues={{ receipt_number: params.get('receipt') ?? '' }}>
          <Form.Item label="受理编号" name="receipt_number" rules={[{ required: true, whitespace: true, message: '请填写受理编号' }]}>
            <Input maxLength={64} placeholder="如：YSQ2026-ABCD2345" autoComplete="off" />
          </Form.Item>
          <Form.Item label="查询码" name="query_code" rules={[{ required: true, whitespace: true, message: '请填写查询码' }]}>
            <Input maxLength={32} autoComplete="off" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            查询
          </Button>
        </Form>
      </Card>
      {error && <Alert type="error" role="alert" showIcon message={error} style={{ marginTop: 16 }} />}
      {status && (
        <section aria-labelledby="status-title" className="follow-status">
          <h2 id="status-title">
            {status.receipt_number} <Tag color={status.open ? 'blue' : 'green'}>{status.stage_label}</Tag>
          </h2>
          <Descriptions bordered column={1} size="small">
            <Descriptions.Item label="受理机关">{status.agency}</Descriptions.Item>
            <Descriptions.Item label="收到申请日期">{chineseDate(status.received_on)}</Descriptions.Item>
            <Descriptions.Item label="办理阶段">{status.stage_label}</Descriptions.Item>
            {status.due && (
              <Descriptions.Item label="答复期限">
                {chineseDate(status.due)}
                {status.due_provisional ? '（暂定）' : ''}
              </Descriptions.Item>
            )}
            {status.correction_due_by && <Descriptions.Item label="请在此日期前补正">{chineseDate(status.correction_due_by)}</Descriptions.Item>}
            {status.fee && (
              <Descriptions.Item label="信息处理费">
                {status.fee.amount} 元，请于{chineseDate(status.fee.pay_by)}前缴纳
              </Descriptions.Item>
            )}
            {status.outcome_label && <Descriptions.Item label="办理结果">{status.outcome_label}</Descriptions.Item>}
            {status.concluded_on && <Descriptions.Item label="办结日期">{chineseDate(status.concluded_on)}</Descriptions.Item>}
            {status.split_into.length > 0 && <Descriptions.Item label="已拆分为">{status.split_into.join('、')}（可用同一查询码分别查询）</Descriptions.Item>}
          </Descriptions>
          <h3>办理过程</h3>
          <Timeline items={status.steps.map((s) => ({ children: `${chineseDate(s.on)} ${s.label}` }))} />
        </section>
      )}
    </article>
  );
}
