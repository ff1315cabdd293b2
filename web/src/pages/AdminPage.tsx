// Administration: accounts and roles, agencies with their hierarchy (merge duplicates,
// aliases), and the audit log.

import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Checkbox, Form, Input, Modal, Select, Space, Switch, Table, Tabs, Tag } from 'antd';
import { api, qs, useApi } from '../api.ts';
import { AgencyPicker } from '../components/AgencyPicker.tsx';
import { ACTIONS, CASE_ROLES, KINDS, LEVELS, ROLES } from '../labels.ts';
import type { Agency, AuditEntry, User } from '../types.ts';

function Users() {
  const { message } = App.useApp();
  const users = useApi<{ users: User[] }>('/users');
  const agencies = useApi<{ items: Agency[] }>('/agencies?limit=500');
  const agencyName = new Map((agencies.data?.items ?? []).map((a) => [a.id, a.name]));
  const [form] = Form.useForm<{ login: string; display_name: string; password: string; role: string; region_prefix?: string; agency_id?: string; case_roles?: string[] }>();
  const role = Form.useWatch('role', form);
  const caseRoleOptions = Object.entries(CASE_ROLES).map(([value, label]) => ({ value, label }));
  const create = async (v: Record<string, string | string[] | undefined>) => {
    try {
      await api('/users', { method: 'POST', body: Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '')) });
      void message.success('账户已建立');
      form.resetFields();
      users.reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  const patch = async (id: string, body: object) => {
    try {
      await api(`/users/${id}`, { method: 'PATCH', body });
      users.reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  return (
    <>
      <Table<User>
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: true }}
        dataSource={users.data?.users ?? []}
        columns={[
          { title: '用户名', dataIndex: 'login' },
          { title: '名称', dataIndex: 'display_name' },
          { title: '角色', dataIndex: 'role', render: (r: string) => <Tag>{ROLES[r]}</Tag> },
          { title: '范围', key: 's', render: (_, u) => u.region_prefix ?? (u.agency_id ? (agencyName.get(u.agency_id) ?? u.agency_id) : '全部') },
          {
            title: '案件台账角色',
            key: 'cr',
            render: (_, u) =>
              u.role === 'agency' ? (
                <Checkbox.Group aria-label={`${u.login} 的案件台账角色`} options={caseRoleOptions} value={u.case_roles} onChange={(v) => void patch(u.id, { case_roles: v })} />
              ) : (
                '—'
              ),
          },
          { title: '停用', dataIndex: 'disabled', render: (d: boolean, u) => <Switch aria-label={`停用 ${u.login}`} checked={d} onChange={(on) => void patch(u.id, { disabled: on })} /> },
        ]}
      />
      <h3 style={{ marginTop: 16 }}>新建账户</h3>
      <Form form={form} layout="inline" onFinish={(v) => void create(v)} style={{ rowGap: 8 }}>
        <Form.Item name="login" label="用户名" rules={[{ required: true, message: '必填' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="display_name" label="名称" rules={[{ required: true, message: '必填' }]}>
          <Input />
        </Form.Item>
        <Form.Item name="password" label="初始密码" rules={[{ required: true, min: 10, message: '至少 10 个字符' }]}>
          <Input.Password />
        </Form.Item>
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '必选' }]}>
          <Select style={{ width: 140 }} options={Object.entries(ROLES).filter(([k]) => k !== 'public').map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        {role === 'supervisor' && (
          <Form.Item name="region_prefix" label="地区代码前缀" rules={[{ required: true, message: '必填' }]}>
            <Input />
          </Form.Item>
        )}
        {role === 'agency' && (
          <Form.Item name="agency_id" label="所属机关" rules={[{ required: true, message: '必选' }]}>
            <AgencyPicker />
          </Form.Item>
        )}
        {role === 'agency' && (
          <Form.Item name="case_roles" label="案件台账角色">
            <Checkbox.Group options={caseRoleOptions} />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit">
          建立
        </Button>
      </Form>
    </>
  );
}

function Agencies() {
  const { message } = App.useApp();
  const [q, setQ] = useState('');
  const list = useApi<{ total: number; items: Agency[] }>(`/agencies${qs({ q, limit: 200 })}`);
  const all = useApi<{ items: Agency[] }>('/agencies?limit=500');
  const [merging, setMerging] = useState<Agency | null>(null);
  const [into, setInto] = useState<string | undefined>();
  const names = new Map((all.data?.items ?? []).map((a) => [a.id, a.name]));
  const alias = async (a: Agency) => {
    const name = window.prompt(`为“${a.name}”添加别名`);
    if (!name) return;
    try {
      await api(`/agencies/${a.id}/aliases`, { method: 'POST', body: { alias: name } });
      void message.success('别名已添加');
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  const merge = async () => {
    if (!merging || !into) return;
    try {
      const r = await api<{ reports_moved: number }>(`/agencies/${merging.id}/merge`, { method: 'POST', body: { into } });
      void message.success(`已合并，移入 ${r.reports_moved} 份报告`);
      setMerging(null);
      list.reload();
      all.reload();
    } catch (e) {
      void message.error((e as Error).message);
    }
  };
  return (
    <>
      <Input.Search aria-label="搜索机关" placeholder="搜索机关名称" allowClear onSearch={setQ} style={{ maxWidth: 320, marginBottom: 8 }} />
      <Table<Agency>
        size="small"
        rowKey="id"
        scroll={{ x: true }}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 50 }}
        columns={[
          { title: '机关', dataIndex: 'name', render: (n: string, a) => <Link to={`/agencies/${a.id}`}>{n}</Link> },
          { title: '地区代码', dataIndex: 'region_code' },
          { title: '层级', dataIndex: 'level', render: (l: string | null) => (l ? LEVELS[l] : '—') },
          { title: '类型', dataIndex: 'kind', render: (k: string | null) => (k ? KINDS[k] : '—') },
          { title: '上级', dataIndex: 'parent_id', render: (p: string | null) => (p ? (names.get(p) ?? p) : '—') },
          {
            title: '操作',
            key: 'ops',
            render: (_, a) => (
              <Space>
                <Button size="small" onClick={() => void alias(a)}>
                  添加别名
                </Button>
                <Button size="small" onClick={() => (setMerging(a), setInto(undefined))}>
                  合并到…
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Modal title={`把“${merging?.name ?? ''}”合并到另一个机关`} open={merging !== null} okText="合并" cancelText="取消" okButtonProps={{ disabled: !into, danger: true }} onOk={() => void merge()} onCancel={() => setMerging(null)}>
        <p>报告、下属部门和账户将归入目标机关，原名称成为目标机关的别名，原机关删除。此操作记入审计日志。</p>
        <Select aria-label="目标机关" showSearch optionFilterProp="label" style={{ width: '100%' }} value={into} onChange={setInto} options={(all.data?.items ?? []).filter((a) => a.id !== merging?.id).map((a) => ({ value: a.id, label: a.name }))} />
      </Modal>
    </>
  );
}

function Audit() {
  const [before, setBefore] = useState<string | undefined>();
  const log = useApi<{ entries: AuditEntry[] }>(`/audit${qs({ limit: 50, before })}`);
  const entries = log.data?.entries ?? [];
  const show = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));
  return (
    <>
      <Table<AuditEntry>
        className="audit-log"
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: true }}
        dataSource={entries}
        columns={[
          { title: '时间', dataIndex: 'at', render: (t: string) => new Date(t).toLocaleString('zh-CN') },
          { title: '用户', dataIndex: 'user_login', render: (u: string | null) => u ?? '系统' },
          { title: '操作', dataIndex: 'action', render: (a: string) => ACTIONS[a] ?? a },
          { title: '对象', key: 'e', render: (_, e) => `${e.entity} ${e.entity_id ?? ''}` },
          { title: '原值', dataIndex: 'old_value', render: (v: unknown) => <code className="audit-json">{show(v)}</code> },
          { title: '新值', dataIndex: 'new_value', render: (v: unknown) => <code className="audit-json">{show(v)}</code> },
        ]}
      />
      <Space style={{ marginTop: 8 }}>
        {before && <Button onClick={() => setBefore(undefined)}>回到最新</Button>}
        {entries.length === 50 && <Button onClick={() => setBefore(entries[entries.length - 1].id)}>更早的记录</Button>}
      </Space>
    </>
  );
}

export default function AdminPage() {
  return (
    <section aria-labelledby="admin-title">
      <h1 className="page-title" id="admin-title">
        管理
      </h1>
      <Tabs
        items={[
          { key: 'users', label: '账户与角色', children: <Users /> },
          { key: 'agencies', label: '机关与层级', children: <Agencies /> },
          { key: 'audit', label: '审计日志', children: <Audit /> },
        ]}
      />
    </section>
  );
}
