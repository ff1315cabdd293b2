// Sign in with the account printed by `npm start` (or one an administrator made).

import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useSession } from '../session.tsx';

export default function LoginPage() {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { login: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await signIn(v.login, v.password);
      void navigate('/');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card style={{ maxWidth: 420, margin: '48px auto' }}>
      <h1 className="page-title">登录</h1>
      <p>首次启动时终端里打印了管理员和示例账户的密码。公众无需登录即可查阅已公开的报告。</p>
      {error && <Alert type="error" message={error} showIcon style={{ marginBottom: 16 }} role="alert" />}
      <Form layout="vertical" onFinish={(v: { login: string; password: string }) => void submit(v)} requiredMark={false}>
        <Form.Item label="用户名" name="login" rules={[{ required: true, message: '请输入用户名' }]}>
          <Input autoComplete="username" id="login" />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password autoComplete="current-password" id="password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} block>
          登录
        </Button>
      </Form>
    </Card>
  );
}
