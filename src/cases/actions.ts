// A case is an append-only list of typed actions. Each action says what happened, on which day
// (`on`, the date that counts in law), who recorded it (`by`) and which documents go with it.
// State and every deadline are derived from the list (derive.ts), never stored.
//
// The actions are declared once here, as JSON Schema built with TypeBox: the TypeScript types
// come from the same declaration, and the store and the HTTP API validate with the schema
// (`caseActionSchema()`, with the outcome and applicant-type enums filled in from the data).

import { Type, type Static, type TObject, type TProperties } from '@sinclair/typebox';

const DATE = '^\\d{4}-\\d{2}-\\d{2}$';

const IsoDateT = (title: string, description?: string) => Type.String({ pattern: DATE, title, ...(description ? { description } : {}) });
const Text = (title: string, maxLength = 500) => Type.String({ minLength: 1, maxLength, title });

/** A document that goes with an action: the letter sent, the form received, a scan. */
export const DocumentRef = Type.Object(
  {
    kind: Text('文书种类', 50),
    /** Id of the stored file or rendered letter. */
    ref: Text('文书编号', 200),
    title: Type.Optional(Text('文书标题', 200)),
    /** 文号, e.g. 某府办依申请〔2024〕12号. */
    number: Type.Optional(Text('文号', 100)),
  },
  { additionalProperties: false, title: '文书' },
);
export type DocumentRef = Static<typeof DocumentRef>;

const base = {
  /** Unique within the case; made by whoever records the action. */
  id: Text('记录编号', 64),
  on: IsoDateT('日期', '事项发生、依法起算的日期'),
  by: Text('经办人', 100),
  /** When it was recorded (ISO date-time), set by the store. */
  at: Type.Optional(Type.String({ maxLength: 40, title: '登记时间' })),
  documents: Type.Optional(Type.Array(DocumentRef, { maxItems: 50, title: '文书' })),
  note: Type.Optional(Text('备注', 2000)),
};

function action<T extends string, P extends TProperties>(type: T, title: string, props: P) {
  return Type.Object({ type: Type.Literal(type, { title: '类型' }), ...base, ...props }, { additionalProperties: false, title });
}

export const CHANNELS = {
  in_person: '当面提交',
  registered_post: '邮政挂号信等需签收的邮寄',
  ordinary_post: '平常信函等无需签收的邮寄',
  online: '互联网渠道',
  fax: '政府信息公开工作机构的传真',
  oral: '口头提出（代为填写）',
} as const;
export type Channel = keyof typeof CHANNELS;

export const Applicant = Type.Object(
  {
    /** A column of 表三 (自然人, 商业企业, …): applicantTypes(). */
    type: Type.String({ minLength: 1, title: '申请人类别' }),
    name: Text('申请人姓名或名称', 200),
    idKind: Type.Optional(Type.Union([Type.Literal('resident_id'), Type.Literal('credit_code'), Type.Literal('other')], { title: '证件类型' })),
    idNumber: Type.Optional(Text('证件号码', 50)),
    /** Legal representative or contact person of an organisation. */
    contactPerson: Type.Optional(Text('联系人', 100)),
    phone: Type.Optional(Text('联系电话', 50)),
    email: Type.Optional(Text('电子邮箱', 200)),
    address: Type.Optional(Text('通信地址', 300)),
    postcode: Type.Optional(Type.String({ pattern: '^\\d{6}$', title: '邮政编码' })),
  },
  { additionalProperties: false, title: '申请人' },
);
export type Applicant = Static<typeof Applicant>;

export const Request = Type.Object(
  {
    description: Text('所需信息的描述', 5000),
    documentNumber: Type.Optional(Text('文件名称或文号', 300)),
    /** 纸质、电子、查阅、复制…: the applicant's wording (art. 29 (三)). */
    form: Type.Optional(Text('获取信息的方式', 200)),
    channel: Type.Optional(Text('获取信息的途径', 200)),
  },
  { additionalProperties: false, title: '申请内容' },
);

export const Received = action('received', '收到申请', {
  channel: Type.Union(Object.keys(CHANNELS).map((k) => Type.Literal(k as Channel, { title: CHANNELS[k as Channel] })), { title: '提交方式' }),
  /** Ordinary post: the day the office confirmed with the applicant; online and fax: the day both sides confirmed. */
  confirmedOn: Type.Optional(IsoDateT('确认日期')),
  applicant: Applicant,
  request: Request,
  /** Receipt number given to the applicant. */
  receiptNumber: Type.Optional(Text('受理编号', 64)),
  /** The case this one was split from (一事一申请). */
  splitFrom: Type.Optional(Text('拆分自', 64)),
});

export const CorrectionRequested = action('correction_requested', '发出补正告知', {
  items: Type.Array(Text('需补正的事项', 1000), { minItems: 1, maxItems: 50, title: '需补正的事项' }),
  dueBy: IsoDateT('补正期限'),
});
export const CorrectionReceived = action('correction_received', '收到补正', {});

export const ConsultationSent = action('consultation_sent', '征求意见', {
  consultationId: Text('征求意见编号', 64),
  /** third_party: art. 32; co_producer: art. 34. */
  party: Type.Union([Type.Literal('third_party', { title: '第三方（条例第三十二条）' }), Type.Literal('co_producer', { title: '共同制作机关（条例第三十四条）' })], { title: '征求对象' }),
  partyName: Text('被征求意见方', 200),
});
export const ConsultationAnswered = action('consultation_answered', '收到意见', {
  consultationId: Text('征求意见编号', 64),
  answer: Type.Union([Type.Literal('agree', { title: '同意公开' }), Type.Literal('object', { title: '不同意公开' }), Type.Literal('other', { title: '其他意见或逾期未答复' })], { title: '意见' }),
});

export const ExtensionApproved = action('extension_approved', '批准延期', {
  approver: Text('批准人', 100),
  workingDays: Type.Integer({ minimum: 1, maximum: 20, title: '延长的工作日数' }),
  reason: Text('延期理由', 1000),
});
export const ExtensionNotified = action('extension_notified', '告知申请人延期', {});

export const FeeNoticeSent = action('fee_notice_sent', '发出收费通知', {
  method: Type.Union([Type.Literal('per_application', { title: '按件计收' }), Type.Literal('per_volume', { title: '按量计收' })], { title: '计收方式' }),
  /** per_application: the applicant's K-th application this calendar month; per_volume: pages. */
  quantity: Type.Integer({ minimum: 1, maximum: 1_000_000, title: '件数或页数' }),
  amount: Type.Integer({ minimum: 0, title: '收费金额（元）' }),
  /** The day the applicant received the notice (the payment period starts the day after); default `on`. */
  receivedOn: Type.Optional(IsoDateT('申请人收到通知的日期')),
});
export const FeePaid = action('fee_paid', '收到缴费', {
  amount: Type.Integer({ minimum: 0, title: '缴费金额（元）' }),
});

export const ReplySent = action('reply_sent', '作出答复', {
  /** Exactly one outcome (区分处理 is `partial` only). */
  outcome: Type.String({ minLength: 1, title: '办理结果' }),
  grounds: Type.Optional(Text('理由', 5000)),
  replyNumber: Type.Optional(Text('答复文号', 100)),
});
export const Delivered = action('delivered', '送达', {
  method: Text('送达方式', 100),
});
export const Archived = action('archived', '归档', {
  archiveNumber: Type.Optional(Text('档号', 100)),
});
export const Withdrawn = action('withdrawn', '申请人撤回申请', {});
export const Stopped = action('stopped', '不再处理', {
  /** no_correction: 补正期限届满未补正 (art. 30); fee_unpaid: 逾期未缴费 (109号). */
  reason: Type.Union([Type.Literal('no_correction', { title: '逾期未补正' }), Type.Literal('fee_unpaid', { title: '逾期未缴纳信息处理费' })], { title: '不再处理的原因' }),
});
export const Split = action('split', '拆分申请（一事一申请）', {
  into: Type.Array(Text('新案件编号', 64), { minItems: 2, maxItems: 200, uniqueItems: true, title: '拆分出的案件' }),
});

export const REVIEW_KINDS = ['review', 'litigation_direct', 'litigation_after_review'] as const;
export const REVIEW_RESULTS = ['upheld', 'corrected', 'other'] as const;

export const ReviewFiled = action('review_filed', '被申请行政复议或提起行政诉讼', {
  recordId: Text('复议诉讼编号', 64),
  kind: Type.Union(REVIEW_KINDS.map((k) => Type.Literal(k)), { title: '类别' }),
  body: Text('复议机关或人民法院', 200),
  caseNumber: Type.Optional(Text('案号', 100)),
});
export const ReviewDecided = action('review_decided', '复议诉讼结果', {
  recordId: Text('复议诉讼编号', 64),
  result: Type.Union(REVIEW_RESULTS.map((k) => Type.Literal(k)), { title: '结果' }),
});
export const Voided = action('voided', '更正：作废一条记录', {
  target: Text('作废的记录编号', 64),
  reason: Text('作废理由', 1000),
});

export const ACTION_SCHEMAS = [
  Received, CorrectionRequested, CorrectionReceived, ConsultationSent, ConsultationAnswered, ExtensionApproved, ExtensionNotified,
  FeeNoticeSent, FeePaid, ReplySent, Delivered, Archived, Withdrawn, Stopped, Split, ReviewFiled, ReviewDecided, Voided,
] as const;

export const CaseActionT = Type.Union([...ACTION_SCHEMAS], { title: '案件记录' });
export type CaseAction = Static<typeof CaseActionT>;
export type ActionType = CaseAction['type'];
export type ActionOf<T extends ActionType> = Extract<CaseAction, { type: T }>;

/** Each action type's schema, by type. */
export const SCHEMA_BY_TYPE = Object.fromEntries(ACTION_SCHEMAS.map((s) => [s.properties.type.const, s])) as unknown as Record<ActionType, TObject>;

/** Chinese name of each action type (the schema's title). */
export const ACTION_LABELS = Object.fromEntries(ACTION_SCHEMAS.map((s) => [s.properties.type.const, s.title])) as Record<ActionType, string>;
