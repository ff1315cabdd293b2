// 申请公开: a citizen or an organisation files a disclosure application online, without an
// account. The applicant types are 表三's columns as the API lists them; the identity number is
// checked by the server (身份证 / 统一社会信用代码 checksums) and its Chinese reason is shown next
// to the field. On success the receipt number and the query code are shown once, to keep.

import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Descriptions, Form, Result, Select, Space, Spin, Typography } from 'antd';
import { api, ApiError, qs, useApi } from '../api.ts';
import { chineseDate, type ApplicationForm } from '../cases.ts';
import { ApplicantFields, fieldOf, RequestFields, toApplicant, toRequest, type ApplicationValues } from '../components/ApplicationFields.tsx';
import type { Agency } from '../types.ts';

interface Filed {
  receipt_number: string;
  query_code: string;
  agency: string;
  received_on: string;
  due: string;
  due_provisional: boolean;
}

type Values = ApplicationValues & { agency_id: string };

function AgencySelect({ id, value, onChange }: { id?: string; value?: string; onChange?: (v: string) => void }) {
  const [q, setQ] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setDebounced(q), 250);
    return () => clearTimeout(t);
  }, [q]);
  const list = useApi<{ items: Agency[] }>(`/agencies${qs({ q: debounced, limit: 100 })}`);
  return (
    <Select
      {...(id ? { id } : {})}
      showSearch={{ filterOption: false, onSearch: setQ }}
      {...(value ? { value } : {})}
      {...(onChange ? { onChange } : {})}
      placeholder="输入机关名称搜索，例如：财政局"
      notFoundContent={list.loading ? <Spin size="small" /> : '没有找到机关'}
      options={(list.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }))}
    />
  );
}

export default function ApplyPage() {
  const form = useApi<ApplicationForm>('/public/applications/form');
  const [f] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [filed, setFiled] = useState<Filed | null>(null);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      setFiled(await api<Filed>('/public/applications', { method: 'POST', body: { agency_id: v.agency_id, applicant: toApplicant(v), request: toRequest(v) } }));
      window.scrollTo(0, 0);
    } catch (e) {
      const message = e instanceof ApiError ? e.message : String(e);
      const field = fieldOf(message);
      if (field) f.setFields([{ name: field, errors: [message] }]);
      else setError(message);
    } finally {
      setBusy(false);
    }
  };

  if (filed) return <Receipt filed={filed} />;
  if (form.error) return <Alert type="error" role="alert" showIcon message={form.error.message} />;
  if (!form.data) return <Spin />;
  return (
    <article aria-labelledby="apply-title" className="narrow-page">
      <h1 className="page-title" id="apply-title">
        申请公开政府信息
      </h1>
      <p>
        依照《中华人民共和国政府信息公开条例》第二十七条至第二十九条，公民、法人或者其他组织可以向行政机关申请获取政府信息。在线提交后即获得受理编号和查询码，凭二者可随时<Link to="/follow">查询办理进度</Link>，无需注册账户。
      </p>
      {error && <Alert type="error" role="alert" showIcon message={error} style={{ marginBottom: 16 }} />}
      <Form form={f} layout="vertical" onFinish={(v) => void submit(v)} scrollToFirstError>
        <Card title="受理机关" size="small" className="form-card">
          <Form.Item label="向哪个机关申请" name="agency_id" rules={[{ required: true, message: '请选择受理机关' }]}>
            <AgencySelect />
          </Form.Item>
        </Card>
        <ApplicantFields form={f} options={form.data} requireId />
        <RequestFields />
        <Button type="primary" htmlType="submit" loading={busy} size="large">
          提交申请
        </Button>
      </Form>
    </article>
  );
}

function Receipt({ filed }: { filed: Filed }) {
  return (
    <article aria-labelledby="receipt-title" className="narrow-page receipt">
      <Result
        status="success"
        title={<h1 id="receipt-title" className="page-title">申请已提交</h1>}
        subTitle={`${filed.agency}已于${chineseDate(filed.received_on)}收到您的申请。`}
      />
      <Alert
        type="warning"
        showIcon
        role="note"
        message="请妥善保存受理编号和查询码"
        description="查询码只显示这一次，平台不保存其明文，遗失后无法找回。请复制、打印或抄写下来。凭受理编号和查询码可以查询办理进度。"
        style={{ marginBottom: 16 }}
      />
      <Descriptions bordered column={1} size="middle" className="receipt-codes">
        <Descriptions.Item label="受理编号">
          <Typography.Text copyable={{ text: filed.receipt_number, tooltips: ['复制', '已复制'] }} strong className="code" data-testid="receipt-number">
            {filed.receipt_number}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="查询码">
          <Typography.Text copyable={{ text: filed.query_code, tooltips: ['复制', '已复制'] }} strong className="code" data-testid="query-code">
            {filed.query_code}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="答复期限">
          <span data-testid="due">{chineseDate(filed.due)}</span>
          {filed.due_provisional ? '（暂定：该年度放假安排尚未公布）' : ''}前（自收到申请之日起 20 个工作日；需要补正、征求第三方意见或延期的，会另行告知）
        </Descriptions.Item>
      </Descriptions>
      <Space wrap style={{ marginTop: 16 }} className="no-print">
        <Button onClick={() => void navigator.clipboard?.writeText(`受理编号：${filed.receipt_number}\n查询码：${filed.query_code}`)}>复制编号和查询码</Button>
        <Button onClick={() => window.print()}>打印回执</Button>
        <Link to={`/follow?receipt=${encodeURIComponent(filed.receipt_number)}`}>查询办理进度</Link>
      </Space>
    </article>
  );
}
