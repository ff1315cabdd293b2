// The year-end assembly of the annual report from the ledger: the draft (表二 and the narrative
// typed by staff, every save kept, a stale save refused), 表三/表四 compiled live from the cases,
// last year's text per section, the checks (the checker on the whole report, the checks against
// last year's report incl. 内容雷同), the publishing gate (负责人 only; refused while errors
// remain; writes the report into the corpus) and the downloads (草稿 watermark until published).

import type { FastifyInstance, FastifyPluginCallback, FastifyRequest } from 'fastify';
import { RenderError, renderReport, TARGET_INFO } from '../../render/index.ts';
import {
  DraftInputError,
  LEDGER_TABLES,
  PublishRefusedError,
  StaleDraftError,
  assembleReport,
  checkAssembled,
  draftRevisions,
  loadDraft,
  previousYearReport,
  publishAssembled,
  registryActive,
  saveDraft,
  type Draft,
  type DraftContent,
} from '../../store/annual-reports.ts';
import { recordAudit } from '../../store/audit.ts';
import type { StaffViewer } from '../../store/case-access.ts';
import { loadAgencyCases } from '../../store/cases.ts';
import { loadCalendar } from '../../store/calendar.ts';
import type { Executor } from '../../store/bulk.ts';
import { loadReport } from '../../store/reports.ts';
import { HttpError, auditUser, forbidden, notFound } from '../context.ts';
import { agencyOf, caseStaff, mustBeAgencyStaff } from '../case-context.ts';
import { errorSchema, errors, uuid } from '../schemas.ts';

const tags = ['年度报告编制'];
const yearParams = { type: 'object', properties: { year: { type: 'integer', minimum: 1990, maximum: 2100 } }, required: ['year'] } as const;
const agencyQuery = { type: 'object', properties: { agency: { ...uuid, description: '管理员查看时指定机关' } }, additionalProperties: false } as const;
const tableValues = { type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: ['number', 'null'] } } } as const;
const sectionTexts = { type: 'object', additionalProperties: { type: 'string' } } as const;
const contentProps = {
  active: { ...tableValues, description: '表二：{行: {列: 数值或 null}}（格式模型的表二单元格）' },
  sections: { ...sectionTexts, description: '正文：{部分编号: 文字}（格式模型的六个部分）' },
} as const;
const findingSchema = {
  type: 'object',
  properties: {
    rule: { type: 'string' },
    severity: { type: 'string', enum: ['error', 'warning', 'info'] },
    message: { type: 'string' },
    cells: { type: 'array', items: { type: 'string' } },
    sections: { type: 'array', items: { type: 'string' } },
    passages: { type: 'array', items: { type: 'string' } },
  },
  required: ['rule', 'severity', 'message', 'cells', 'sections'],
} as const;
const refusedSchema = {
  type: 'object',
  properties: { ...errorSchema.properties, findings: { type: 'array', items: findingSchema } },
  required: ['error'],
} as const;

interface Target {
  v: StaffViewer;
  agency: { id: string; name: string };
}

/** Staff with a case role (their own agency; another agency's report answers 404), or an administrator naming one. */
async function target(app: FastifyInstance, req: FastifyRequest<{ Querystring: { agency?: string } }>): Promise<Target> {
  const v = await caseStaff(app, req);
  const id = agencyOf(v, req.query.agency);
  const agency = await app.store.db.selectFrom('agencies').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
  if (!agency) throw notFound('机关');
  return { v, agency };
}

async function assembled(db: Executor, agency: Target['agency'], draft: DraftContent & { year: number; format: string }, published: string | null = null) {
  const calendar = await loadCalendar(db);
  const cases = await loadAgencyCases(db, agency.id, { receivedBy: `${draft.year}-12-31` });
  return assembleReport(cases, draft, { calendar, agency: agency.name, published });
}

function draftOut(d: Draft) {
  return {
    revision: d.revision,
    format: d.format,
    active: d.active,
    sections: d.sections,
    updated_at: d.updated_at,
    published: d.published,
    /** The saved revision is the one in the corpus. */
    published_current: !!d.published && d.published.revision === d.revision,
  };
}

export const annualReportRoutes: FastifyPluginCallback = (app, _opts, done) => {
  app.get<{ Params: { year: number }; Querystring: { agency?: string } }>(
    '/ledger/:year/report',
    {
      schema: {
        tags,
        summary: '本机关该年度年报草稿：表二和正文（已保存的最新稿）、由案件台账实时生成的表三和表四（锁定）、上一年度报告、权限',
        params: yearParams,
        querystring: agencyQuery,
        response: errors,
      },
    },
    async (req) => {
      const { v, agency } = await target(app, req);
      const draft = await loadDraft(app.store.db, agency.id, req.params.year);
      const { report, contributions } = await assembled(app.store.db, agency, draft);
      const previous = await previousYearReport(app.store.db, agency.id, req.params.year);
      const own = v.role === 'agency';
      return {
        year: req.params.year,
        agency,
        draft: draftOut(draft),
        tables: Object.fromEntries(LEDGER_TABLES.map((t) => [t, report.tables[t]])),
        locked: [...LEDGER_TABLES],
        contributions: Object.fromEntries(Object.entries(contributions).map(([a, ids]) => [a, ids.length])),
        previous: previous ? { year: previous.year, report_id: previous.report_id, version: previous.version, sections: Object.keys(previous.sections) } : null,
        registry: await registryActive(app.store.db, agency.id, req.params.year),
        revisions: draft.id ? await draftRevisions(app.store.db, draft.id) : [],
        permissions: { edit: own, publish: own && v.caseRoles.includes('head') },
      };
    },
  );

  app.put<{ Params: { year: number }; Body: DraftContent & { revision: number } }>(
    '/ledger/:year/report',
    {
      schema: {
        tags,
        summary: '保存年报草稿（表二和正文）：注明在哪一稿上修改；他人已先保存时拒绝（409），不覆盖',
        params: yearParams,
        body: {
          type: 'object',
          properties: { revision: { type: 'integer', minimum: 0, description: '修改所依据的稿次（首次保存为 0）' }, ...contentProps },
          required: ['revision', 'active', 'sections'],
          additionalProperties: false,
        },
        response: { ...errors, 409: errorSchema, 422: errorSchema },
      },
    },
    async (req) => {
      const v = await caseStaff(app, req);
      mustBeAgencyStaff(v);
      const agencyId = v.agencyId!;
      try {
        const draft = await app.store.db.transaction().execute(async (tx) => {
          const saved = await saveDraft(tx, { agencyId, year: req.params.year, from: req.body.revision, content: { active: req.body.active, sections: req.body.sections }, userId: v.userId });
          await recordAudit(tx, {
            user: auditUser(req),
            action: 'update',
            entity: 'annual_draft',
            entityId: saved.draft.id,
            oldValue: { year: req.params.year, revision: saved.before.revision, active: saved.before.active, sections: saved.before.sections },
            newValue: { year: req.params.year, revision: saved.draft.revision, active: saved.draft.active, sections: saved.draft.sections },
            ip: req.ip,
          });
          return saved.draft;
        });
        return { draft: draftOut(draft), message: `已保存为第${draft.revision}稿` };
      } catch (e) {
        if (e instanceof StaleDraftError) throw new HttpError(409, 'stale_draft', e.message);
        if (e instanceof DraftInputError) throw new HttpError(422, 'invalid_draft', e.message);
        throw e;
      }
    },
  );

  app.get<{ Params: { year: number }; Querystring: { agency?: string } }>(
    '/ledger/:year/report/previous',
    { schema: { tags, summary: '上一年度报告（报告库中本机关上一年度报告的当前版本）各部分的文字，供“采用上年内容”', params: yearParams, querystring: agencyQuery, response: errors } },
    async (req) => {
      const { agency } = await target(app, req);
      const previous = await previousYearReport(app.store.db, agency.id, req.params.year);
      if (!previous) throw notFound(`${agency.name}${req.params.year - 1}年度报告`);
      return { year: previous.year, report_id: previous.report_id, version: previous.version, sections: previous.sections };
    },
  );

  app.post<{ Params: { year: number }; Querystring: { agency?: string }; Body: Partial<DraftContent> | undefined }>(
    '/ledger/:year/report/check',
    {
      schema: {
        tags,
        summary: '核查整份年报（表二 + 由台账生成的表三表四 + 正文）：核查规则、与上一年度报告的比对（含内容雷同）；可附上尚未保存的表二和正文',
        params: yearParams,
        querystring: agencyQuery,
        body: { type: ['object', 'null'], properties: contentProps, additionalProperties: false },
        response: { ...errors, 200: { type: 'object', properties: { findings: { type: 'array', items: findingSchema }, errors: { type: 'integer' }, warnings: { type: 'integer' }, publishable: { type: 'boolean' } } } },
      },
    },
    async (req) => {
      const { agency } = await target(app, req);
      const draft = await loadDraft(app.store.db, agency.id, req.params.year);
      const content = { active: req.body?.active ?? draft.active, sections: req.body?.sections ?? draft.sections };
      const { report } = await assembled(app.store.db, agency, { ...draft, ...content });
      const findings = checkAssembled(report, await previousYearReport(app.store.db, agency.id, req.params.year));
      const errorCount = findings.filter((f) => f.severity === 'error').length;
      return { findings, errors: errorCount, warnings: findings.filter((f) => f.severity === 'warning').length, publishable: errorCount === 0 };
    },
  );

  app.post<{ Params: { year: number }; Body: { revision: number } }>(
    '/ledger/:year/report/publish',
    {
      schema: {
        tags,
        summary: '发布年报（仅负责人）：仍有错误时拒绝并列出；无错误时写入报告库（已有该年度报告则为新版本），表三表四标为“台账生成”、表二标为“填报”，公开',
        params: yearParams,
        body: { type: 'object', properties: { revision: { type: 'integer', minimum: 1, description: '发布的稿次（须为最新稿）' } }, required: ['revision'], additionalProperties: false },
        response: { ...errors, 409: errorSchema, 422: refusedSchema },
      },
    },
    async (req, reply) => {
      const v = await caseStaff(app, req);
      mustBeAgencyStaff(v);
      if (!v.caseRoles.includes('head')) throw forbidden('只有本机关负责人可以发布年度报告');
      const agencyId = v.agencyId!;
      const agency = await app.store.db.selectFrom('agencies').select(['id', 'name']).where('id', '=', agencyId).executeTakeFirstOrThrow();
      try {
        const out = await app.store.db.transaction().execute(async (tx) => {
          // The draft row locked: no save slips in between the check and the write.
          const row = await tx.selectFrom('annual_drafts').select('id').where('agency_id', '=', agencyId).where('year', '=', req.params.year).forUpdate().executeTakeFirst();
          if (!row) throw new HttpError(422, 'no_draft', '还没有保存过草稿，不能发布');
          const draft = await loadDraft(tx, agencyId, req.params.year);
          if (draft.revision !== req.body.revision) throw new StaleDraftError(draft.revision, req.body.revision);
          const { report } = await assembled(tx, agency, draft, app.today());
          const previous = await previousYearReport(tx, agencyId, req.params.year);
          const published = await publishAssembled(tx, { agencyId, draft, report, previous, userId: v.userId });
          await recordAudit(tx, {
            user: auditUser(req),
            action: 'publish',
            entity: 'report',
            entityId: published.report_id,
            newValue: { year: req.params.year, version: published.version, draft_revision: draft.revision, agency: agency.name },
            ip: req.ip,
          });
          return published;
        });
        return { ...out, message: `已发布：${agency.name}${req.params.year}年度报告${out.created ? '' : `第${out.version}版`}已写入报告库并公开` };
      } catch (e) {
        if (e instanceof PublishRefusedError) return reply.code(422).send({ error: { code: 'publication_refused', message: e.message }, findings: e.findings });
        if (e instanceof StaleDraftError) throw new HttpError(409, 'stale_draft', e.message);
        throw e;
      }
    },
  );

  app.get<{ Params: { year: number }; Querystring: { agency?: string; to: 'docx' | 'pdf' | 'html' } }>(
    '/ledger/:year/report/render',
    {
      schema: {
        tags,
        summary: '下载年报（Word、PDF、网页）：已发布的最新稿为报告库中的发布稿，否则为带“草稿”水印的草稿',
        params: yearParams,
        querystring: { type: 'object', properties: { agency: uuid, to: { type: 'string', enum: ['docx', 'pdf', 'html'] } }, required: ['to'], additionalProperties: false },
        response: { ...errors, 500: errorSchema },
      },
    },
    async (req, reply) => {
      const { agency } = await target(app, req);
      const draft = await loadDraft(app.store.db, agency.id, req.params.year);
      const published = draft.published && draft.published.revision === draft.revision ? await loadReport(app.store.db, draft.published.report_id, draft.published.version) : null;
      const report = published?.report ?? (await assembled(app.store.db, agency, draft)).report;
      let bytes: Uint8Array;
      try {
        // What was published passed the gate; anything else is a draft.
        bytes = await renderReport(report, { to: req.query.to, draft: !published });
      } catch (e) {
        if (e instanceof RenderError) throw new HttpError(500, 'render_failed', e.message);
        throw e;
      }
      const info = TARGET_INFO[req.query.to];
      const name = `${agency.name}${req.params.year}年度政府信息公开工作年度报告${published ? '' : '-草稿'}${info.extension}`;
      void reply.type(info.mediaType);
      if (req.query.to === 'html') void reply.header('content-security-policy', "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:");
      void reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
      return reply.send(Buffer.from(bytes));
    },
  );

  done();
};
