// The fields of a disclosure application, shared by the public form (申请公开) and staff
// registration (登记): the applicant (type = a column of 表三 as the API lists it, name, identity
// document, contact) and what is asked for (description, document, preferred form and channel).

import { useEffect } from 'react';
import { AutoComplete, Card, Form, Input, Select, Space, type FormInstance } from 'antd';
import type { Applicant, ApplicationForm } from '../cases.ts';

export interface ApplicationValues extends Applicant {
  description: string;
  documentNumber?: string;
  form?: string;
  channel?: string;
}

// Suggestions only: the applicant's own wording is what the law asks for (条例第二十九条).
const FORMS = ['纸质', '电子文档', '当场查阅', '复制件'].map((value) => ({ value }));
const CHANNELS = ['邮寄', '电子邮件', '当面领取', '传真'].map((value) => ({ value }));

const clean = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);
const defined = (o: Record<string, string | undefined>) => Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined)) as Record<string, string>;

export function toApplicant(v: ApplicationValues): Record<string, string> {
  return defined({
    type: v.type,
    name: v.name.trim(),
    idKind: clean(v.idNumber) ? v.idKind : undefined,
    idNumber: clean(v.idNumber)?.toUpperCase(),
    contactPerson: clean(v.contactPerson),
    phone: clean(v.phone),
    email: clean(v.email),
    address: clean(v.address),
    postcode: clean(v.postcode),
  });
}

export function toRequest(v: ApplicationValues): Record<string, string> {
  return defined({ description: v.description.trim(), documentNumber: clean(v.documentNumber), form: clean(v.form), channel: clean(v.channel) });
}

/** Which field a refusal of the server is about (the message names it), to show it there. */
export function fieldOf(message: string): 'idNumber' | 'phone' | 'idKind' | null {
  if (/请填写居民身份证|请填写统一社会信用代码/.test(message)) return 'idKind';
  if (/身份号码|信用代码|证件号码|身份证/.test(message)) return 'idNumber';
  if (/联系方式/.test(message)) return 'phone';
  return null;
}

export function ApplicantFields({ form, options, requireId }: { form: FormInstance; options: ApplicationForm; requireId: boolean }) {
  const type = Form.useWatch('type', form) as string | undefined;
  const column = options.applicant_types.find((t) => t.id === type);
  const organisation = !!column?.organisation;
  // The document kind follows the applicant type: 身份证 for a person, 信用代码 for an organisation.
  useEffect(() => {
    if (!column) return;
    const kind = form.getFieldValue('idKind') as string | undefined;
    if (!kind || (organisation && kind === 'resident_id') || (!organisation && kind === 'credit_code')) form.setFieldValue('idKind', organisation ? 'credit_code' : 'resident_id');
  }, [column, organisation, form]);
  const idKinds = Object.entries(options.id_kinds).filter(([k]) => (organisation ? k !== 'resident_id' : k !== 'credit_code'));
  const clearError = (name: string) => () => form.setFields([{ name, errors: [] }]);
  return (
    <Card title="申请人" size="small" className="form-card">
      <Form.Item label="申请人类别" name="type" rules={[{ required: true, message: '请选择申请人类别' }]} extra="法人或其他组织请选择所属类别（与年度报告表三的分类一致）">
        <Select options={options.applicant_types.map((t) => ({ value: t.id, label: t.label }))} placeholder="请选择" />
      </Form.Item>
      <Form.Item label={organisation ? '单位名称' : '姓名'} name="name" rules={[{ required: true, whitespace: true, message: organisation ? '请填写单位名称' : '请填写姓名' }]}>
        <Input maxLength={200} autoComplete={organisation ? 'organization' : 'name'} />
      </Form.Item>
      <Space wrap align="start" className="form-row">
        <Form.Item label="证件类型" name="idKind" rules={[{ required: requireId, message: '请选择证件类型' }]}>
          <Select style={{ minWidth: 180 }} options={idKinds.map(([value, label]) => ({ value, label }))} onChange={clearError('idKind')} />
        </Form.Item>
        <Form.Item label="证件号码" name="idNumber" rules={[{ required: requireId, whitespace: true, message: '请填写证件号码' }]} className="grow-item">
          <Input maxLength={50} autoComplete="off" onChange={clearError('idNumber')} />
        </Form.Item>
      </Space>
      {organisation && (
        <Form.Item label="联系人" name="contactPerson">
          <Input maxLength={100} />
        </Form.Item>
      )}
      <p className="hint">联系方式至少填写一种（电话、电子邮箱或通信地址），用于送达答复。</p>
      <Space wrap align="start" className="form-row">
        <Form.Item label="联系电话" name="phone">
          <Input maxLength={50} inputMode="tel" autoComplete="tel" onChange={clearError('phone')} />
        </Form.Item>
        <Form.Item label="电子邮箱" name="email" rules={[{ type: 'email', message: '电子邮箱格式不正确' }]}>
          <Input maxLength={200} inputMode="email" autoComplete="email" />
        </Form.Item>
      </Space>
      <Space wrap align="start" className="form-row">
        <Form.Item label="通信地址" name="address" className="grow-item">
          <Input maxLength={300} autoComplete="street-address" />
        </Form.Item>
        <Form.Item label="邮政编码" name="postcode" rules={[{ pattern: /^\d{6}$/, message: '邮政编码为 6 位数字' }]}>
          <Input maxLength={6} inputMode="numeric" autoComplete="postal-code" />
        </Form.Item>
      </Space>
    </Card>
  );
}

export function RequestFields() {
  return (
    <Card title="所需信息" size="small" className="form-card">
      <Form.Item label="所需政府信息的名称、文号或者便于查询的其他特征性描述" name="description" rules={[{ required: true, whitespace: true, message: '请描述所需的政府信息' }]}>
        <Input.TextArea rows={5} maxLength={5000} showCount />
      </Form.Item>
      <Form.Item label="文件名称或文号（如知道）" name="documentNumber">
        <Input maxLength={300} />
      </Form.Item>
      <Space wrap align="start" className="form-row">
        <Form.Item label="获取信息的方式" name="form">
          <AutoComplete options={FORMS} style={{ minWidth: 200 }} placeholder="如：纸质、电子文档" />
        </Form.Item>
        <Form.Item label="获取信息的途径" name="channel">
          <AutoComplete options={CHANNELS} style={{ minWidth: 200 }} placeholder="如：邮寄、电子邮件" />
        </Form.Item>
      </Space>
    </Card>
  );
}
