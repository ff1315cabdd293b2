// JSON schemas shared by routes: they validate requests and describe responses in the OpenAPI
// document (/api/openapi.json).

import { CASE_ROLE_IDS } from '../store/schema.ts';

export const errorSchema = {
  type: 'object',
  properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } }, required: ['code', 'message'] } },
  required: ['error'],
} as const;

export const uuid = { type: 'string', format: 'uuid' } as const;

export const idParams = { type: 'object', properties: { id: uuid }, required: ['id'] } as const;

export const errors = { 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema } as const;

export const userSchema = {
  type: 'object',
  properties: {
    id: uuid,
    login: { type: 'string' },
    display_name: { type: 'string' },
    role: { type: 'string', enum: ['admin', 'supervisor', 'agency'] },
    region_prefix: { type: ['string', 'null'] },
    agency_id: { type: ['string', 'null'] },
    must_change_password: { type: 'boolean' },
    disabled: { type: 'boolean' },
    case_roles: { type: 'array', items: { type: 'string' } },
  },
} as const;

/** Case-ledger roles: registrar 登记员, handler 承办人, reviewer 审核人, head 负责人. */
export const caseRolesSchema = { type: 'array', items: { type: 'string', enum: [...CASE_ROLE_IDS] }, uniqueItems: true, description: '案件台账角色：registrar 登记员、handler 承办人、reviewer 审核人、head 负责人（仅机关工作人员）' } as const;

export const diagnosticSchema = {
  type: 'object',
  properties: {
    position: { type: 'integer' },
    rule: { type: 'string' },
    severity: { type: 'string', enum: ['error', 'warning', 'info'] },
    origin: { type: 'string', enum: ['parse', 'check', 'cross'] },
    message: { type: 'string' },
    cells: { type: ['array', 'null'], items: { type: 'string' } },
    line: { type: ['integer', 'null'] },
    page: { type: ['integer', 'null'] },
    related_report_id: { type: ['string', 'null'] },
    state: { type: 'string', enum: ['open', 'confirmed', 'dismissed', 'fixed'] },
    reason: { type: ['string', 'null'] },
    decided_by: { type: ['string', 'null'] },
    decided_at: { type: ['string', 'null'], format: 'date-time' },
  },
} as const;

export const corpusItemSchema = {
  type: 'object',
  properties: {
    id: uuid,
    agency_id: { type: ['string', 'null'] },
    agency: { type: ['string', 'null'] },
    agency_printed: { type: ['string', 'null'] },
    region_code: { type: ['string', 'null'] },
    level: { type: ['string', 'null'] },
    kind: { type: ['string', 'null'] },
    year: { type: ['integer', 'null'] },
    format: { type: 'string' },
    status: { type: 'string', enum: ['needs_decision', 'checked', 'reviewed'] },
    published: { type: 'boolean' },
    demo: { type: 'boolean' },
    data_label: { type: ['string', 'null'], description: '示例数据（npm start 载入的演示语料）时为“示例数据”，真实报告为 null' },
    current_version: { type: 'integer' },
    error_count: { type: 'integer' },
    warning_count: { type: 'integer' },
    open_count: { type: 'integer' },
    updated_at: { type: 'string', format: 'date-time' },
  },
} as const;

/** Query parameters of the corpus filter (list, exports, aggregates). */
export const corpusFilterProperties = {
  year: { type: 'integer', minimum: 1990, maximum: 2100 },
  year_from: { type: 'integer', minimum: 1990, maximum: 2100 },
  year_to: { type: 'integer', minimum: 1990, maximum: 2100 },
  region: { type: 'string', pattern: '^[0-9]{1,6}$', description: 'GB/T 2260 行政区划代码或其前缀' },
  level: { type: 'string', enum: ['province', 'city', 'county', 'township'] },
  kind: { type: 'string', enum: ['government', 'department'] },
  format: { type: 'string', maxLength: 10 },
  agency: uuid,
  status: { type: 'string', enum: ['needs_decision', 'checked', 'reviewed'] },
  rule: { type: 'string', maxLength: 60 },
  state: { type: 'string', enum: ['open', 'confirmed', 'dismissed', 'fixed'] },
  has_errors: { type: 'boolean' },
  published: { type: 'boolean' },
  q: { type: 'string', maxLength: 200, description: '正文全文检索' },
} as const;

export interface CorpusQuery {
  year?: number;
  year_from?: number;
  year_to?: number;
  region?: string;
  level?: 'province' | 'city' | 'county' | 'township';
  kind?: 'government' | 'department';
  format?: string;
  agency?: string;
  status?: 'needs_decision' | 'checked' | 'reviewed';
  rule?: string;
  state?: 'open' | 'confirmed' | 'dismissed' | 'fixed';
  has_errors?: boolean;
  published?: boolean;
  q?: string;
}

export function toFilter(q: CorpusQuery) {
  return {
    year: q.year,
    yearFrom: q.year_from,
    yearTo: q.year_to,
    region: q.region,
    level: q.level,
    kind: q.kind,
    format: q.format,
    agencyId: q.agency,
    status: q.status,
    rule: q.rule,
    state: q.state,
    hasErrors: q.has_errors,
    published: q.published,
    q: q.q,
  };
}
