// Validating case actions against their JSON Schema, with Chinese messages named by each field's
// title. The schema served to the store and the API is `caseActionSchema()`: the declaration of
// actions.ts with the enums that come from data (outcomes, applicant types) filled in.

import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { ACTION_LABELS, ACTION_SCHEMAS, SCHEMA_BY_TYPE, type ActionType, type CaseAction } from './actions.ts';
import { applicantTypes } from './identity.ts';
import { outcomeData } from './outcomes.ts';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[]; title?: string; const?: unknown; enum?: unknown[] };

/** A plain-JSON copy of a TypeBox schema with the data enums filled in. */
function withEnums(schema: unknown): JsonSchema {
  const copy = JSON.parse(JSON.stringify(schema)) as JsonSchema;
  const outcomes = outcomeData().outcomes.filter((o) => o.via === 'reply');
  if (copy.properties?.type?.const === 'reply_sent' && copy.properties.outcome) copy.properties.outcome.enum = outcomes.map((o) => o.id);
  if (copy.properties?.applicant?.properties?.type) copy.properties.applicant.properties.type.enum = applicantTypes().map((c) => c.id);
  return copy;
}

let schemas: Record<ActionType, JsonSchema> | undefined;

function schemaByType(): Record<ActionType, JsonSchema> {
  schemas ??= Object.fromEntries(Object.entries(SCHEMA_BY_TYPE).map(([t, s]) => [t, withEnums(s)])) as Record<ActionType, JsonSchema>;
  return schemas;
}

/** The JSON Schema of one case action (any type): `anyOf` over the types, discriminated by `type`. */
export function caseActionSchema(): JsonSchema {
  return { title: '案件记录', anyOf: ACTION_SCHEMAS.map((s) => schemaByType()[s.properties.type.const]) };
}

let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

function validator(type: ActionType): ValidateFunction {
  let v = validators.get(type);
  if (!v) {
    ajv ??= new Ajv({ allErrors: true, strict: false });
    v = ajv.compile(schemaByType()[type]);
    validators.set(type, v);
  }
  return v;
}

/** The schema node at a JSON pointer (instance path) inside a schema. */
function nodeAt(schema: JsonSchema, path: string): JsonSchema | undefined {
  let node: JsonSchema | undefined = schema;
  for (const part of path.split('/').filter(Boolean)) {
    if (!node) return undefined;
    if (/^\d+$/.test(part) && node.items) node = node.items;
    else node = node.properties?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

function allowed(node: JsonSchema | undefined): string {
  const values = node?.enum ?? node?.anyOf?.map((x) => x.const).filter((x) => x !== undefined) ?? [];
  return values.length ? `（可选：${values.map(String).join('、')}）` : '';
}

function message(schema: JsonSchema, e: ErrorObject): string {
  const node = nodeAt(schema, e.instancePath);
  const name = node?.title ? `“${node.title}”` : e.instancePath ? `字段 ${e.instancePath}` : '记录';
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': {
      const child = nodeAt(schema, `${e.instancePath}/${String(p.missingProperty)}`);
      return `缺少${child?.title ? `“${child.title}”` : `字段 ${String(p.missingProperty)}`}${e.instancePath ? `（${name}）` : ''}`;
    }
    case 'additionalProperties':
      return `${name}中有不认识的字段“${String(p.additionalProperty)}”`;
    case 'type':
      return `${name}应为${{ string: '文字', integer: '整数', number: '数字', object: '对象', array: '列表', boolean: '是或否' }[String(p.type)] ?? String(p.type)}`;
    case 'pattern':
      return String(p.pattern).includes('\\d{4}-') ? `${name}应写成 年-月-日（如 2024-03-01）` : `${name}的格式不对`;
    case 'minLength':
      return `${name}不能为空`;
    case 'maxLength':
      return `${name}不能超过 ${String(p.limit)} 个字`;
    case 'minimum':
      return `${name}不能小于 ${String(p.limit)}`;
    case 'maximum':
      return `${name}不能大于 ${String(p.limit)}`;
    case 'minItems':
      return `${name}至少要有 ${String(p.limit)} 项`;
    case 'maxItems':
      return `${name}最多 ${String(p.limit)} 项`;
    case 'uniqueItems':
      return `${name}中有重复项`;
    case 'enum':
    case 'const':
    case 'anyOf':
      return `${name}的取值不在允许范围内${allowed(node)}`;
    default:
      return `${name}不符合要求（${e.keyword}）`;
  }
}

/** Problems with an action's shape, in Chinese; empty when it fits its type's schema. */
export function actionShapeProblems(input: unknown): string[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return ['记录应为一个对象'];
  const type = (input as { type?: unknown }).type;
  if (typeof type !== 'string' || !(type in SCHEMA_BY_TYPE)) {
    return [`记录的类型“${String(type)}”无效（可选：${Object.entries(ACTION_LABELS).map(([k, v]) => `${k} ${v}`).join('、')}）`];
  }
  const v = validator(type as ActionType);
  if (v(input)) return [];
  const schema = schemaByType()[type as ActionType];
  const out: string[] = [];
  // Ajv reports a union's failure once per branch (const) and once for the union (anyOf): keep one.
  const unionPaths = new Set((v.errors ?? []).filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  for (const e of v.errors ?? []) {
    if (e.keyword === 'const' && unionPaths.has(e.instancePath)) continue;
    const m = `${ACTION_LABELS[type as ActionType]}：${message(schema, e)}`;
    if (!out.includes(m)) out.push(m);
  }
  return out;
}

/** Narrowing after actionShapeProblems returned none. */
export function isCaseAction(input: unknown): input is CaseAction {
  return actionShapeProblems(input).length === 0;
}
