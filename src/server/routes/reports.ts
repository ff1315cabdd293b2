// Reports: the corpus list, one report with cells and provenance, its versions, its source
// document, renderings, assigning agency/year, publishing, corrections, checks on demand.

import type { FastifyInstance, FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import { withChecks } from '../../check/index.ts';
import { PublicationRefusedError, RENDER_TARGETS, RenderError, renderReport, TARGET_INFO, type RenderTarget } from '../../render/index.ts';
import { recordAudit } from '../../store/audit.ts';
import { crossCheck } from '../../store/cross.ts';
import { refreshCounts } from '../../store/diagnostics.ts';
import { correctReport, loadReport, mergeAsVersion, reportHead } from '../../store/reports.ts';
import { canRead, canReview, canWrite } from '../../store/scope.ts';
import { listReports } from '../../store/search.ts';
import { HttpError, auditUser, badRequest, forbidden, notFound, signedIn } from '../context.ts';
import { corpusFilterProperties, corpusItemSchema, diagnosticSchema, errors, idParams, toFilter, uuid, type CorpusQuery } from '../schemas.ts';

const MEDIA: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
  json: 'application/json',
};

/** The report if the viewer may read it (else 404: its existence is not disclosed). */
export async function readableReport(app: FastifyInstance, req: { viewer: Parameters<typeof canRead>[0] }, id: string) {
  const head = await reportHead(app.store.db, id);
  if (!head || !canRead(req.viewer, head)) throw notFound('报告');
  return head;
}

function attachment(reply: FastifyReply, name: string) {
  void reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
}

export const reportRoutes: FastifyPluginCallback = (app, _opts, done) => {
  app.get<{ Querystring: CorpusQuery & { limit?: number; offset?: number; sort?: 'year' | 'agency' | 'errors' | 'updated'; total?: boolean } }>(
    '/reports',
    {
      schema: {
        tags: ['报告'],
        summary: '报告列表（按筛选条件，附总数；公众只看到已公开的报告）',
        description: 'total=false 时不计总数（total 为 null），只取这一页：网页先显示列表，再另行请求总数。',
        querystring: {
          type: 'object',
          properties: {
            ...corpusFilterProperties,
            limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
            offset: { type: 'integer', minimum: 0, maximum: 10_000_000, default: 0 },
            sort: { type: 'string', enum: ['year', 'agency', 'errors', 'updated'], default: 'year' },
            total: { type: 'boolean', default: true, description: '是否计算符合条件的总数（精确值）' },
          },
          additionalProperties: false,
        },
        response: { 200: { type: 'object', properties: { total: { type: ['integer', 'null'] }, items: { type: 'array', items: corpusItemSchema } } }, ...errors },
      },
    },
    async (req) =>
      listReports(app.store.db, req.viewer, toFilter(req.query), {
        limit: req.query.limit,
        offset: req.query.offset,
        sort: req.query.sort,
        ...(req.query.total === false ? { total: false as const } : {}),
      }),
  );

  app.get<{ Params: { id: string }; Querystring: { version?: number } }>(
    '/reports/:id',
    {
      schema: {
        tags: ['报告'],
        summary: '一份报告：机关、年度、状态、各版本，当前（或指定）版本的交换格式内容（表格、每个单元格的来源）及其问题与审核状态',
        params: idParams,
        querystring: { type: 'object', properties: { version: { type: 'integer', minimum: 1 } }, additionalProperties: false },
        response: {
          200: {
            type: 'object',
            properties: {
              report: { type: 'object', additionalProperties: true },
              version: { type: 'integer' },
              content: { type: 'object', additionalProperties: true, description: '交换格式 gongkai.report/1' },
              diagnostics: { type: 'array', items: diagnosticSchema },
              versions: { type: 'array', items: { type: 'object', additionalProperties: true } },
              permissions: { type: 'object', properties: { write: { type: 'boolean' }, review: { type: 'boolean' } } },
            },
          },
          ...errors,
        },
      },
    },
    async (req) => {
      const head = await readableReport(app, req, req.params.id);
      const loaded = await loadReport(app.store.db, head.id, req.query.version);
      if (!loaded) throw notFound('该版本');
      const [diagnostics, versions] = await Promise.all([
        app.store.db.selectFrom('diagnostics').selectAll().where('report_id', '=', head.id).where('version', '=', loaded.version).orderBy('position').execute(),
        app.store.db
          .selectFrom('report_versions')
          .select(['version', 'kind', 'document_sha256', 'agency_printed', 'year', 'format', 'published_on', 'note', 'created_by', 'created_at'])
          .where('report_id', '=', head.id)
          .orderBy('version')
          .execute(),
      ]);
      return {
        report: head,
        version: loaded.version,
        content: loaded.report,
        diagnostics: diagnostics.map(({ report_id: _r, version: _v, finding_key: _k, ...d }) => d),
        versions,
        permissions: { write: canWrite(req.viewer, head), review: canReview(req.viewer, head) },
      };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { version?: number } }>(
    '/reports/:id/document',
    {
      schema: {
        tags: ['报告'],
        summary: '报告的原始文件（逐字节保存的原件）；网页原件以沙箱方式提供，不执行其中脚本',
        params: idParams,
        querystring: { type: 'object', properties: { version: { type: 'integer', minimum: 1 } }, additionalProperties: false },
      },
    },
    async (req, reply) => {
      const head = await readableReport(app, req, req.params.id);
      const v = await app.store.db
        .selectFrom('report_versions as v')
        .innerJoin('documents as d', 'd.sha256', 'v.document_sha256')
        .select(['d.bytes', 'd.name', 'd.kind', 'v.meta'])
        .where('v.report_id', '=', head.id)
        .where('v.version', '=', req.query.version ?? head.current_version)
        .executeTakeFirst();
      if (!v) throw notFound('原始文件');
      const encoding = (v.meta as unknown as { source?: { encoding?: string } }).source?.encoding;
      const kind = v.kind ?? '';
      // Source web pages are untrusted: a sandbox CSP gives them a unique origin and no scripts.
      void reply.header('content-security-policy', "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'");
      void reply.header('x-content-type-options', 'nosniff');
      if (kind === 'html') void reply.type(`text/html; charset=${encoding ?? 'utf-8'}`);
      else if (kind === 'text') void reply.type(`text/plain; charset=${encoding ?? 'utf-8'}`);
      else void reply.type(MEDIA[kind] ?? 'application/octet-stream');
      if (kind === 'docx' || kind === 'doc' || !MEDIA[kind] && kind !== 'html' && kind !== 'text') attachment(reply, v.name);
      else void reply.header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(v.name)}`);
      return reply.send(Buffer.from(v.bytes));
    },
  );

  app.get<{ Params: { id: string }; Querystring: { to: RenderTarget; draft?: boolean; version?: number } }>(
    '/reports/:id/render',
    {
      schema: {
        tags: ['报告'],
        summary: '按国家格式生成报告（Word、PDF、网页、Excel、Markdown）；非草稿须先通过核查，仍有错误时返回 409 并列出错误',
        params: idParams,
        querystring: {
          type: 'object',
          properties: { to: { type: 'string', enum: [...RENDER_TARGETS] }, draft: { type: 'boolean', default: false }, version: { type: 'integer', minimum: 1 } },
          required: ['to'],
          additionalProperties: false,
        },
      },
    },
    async (req, reply) => {
      const head = await readableReport(app, req, req.params.id);
      const loaded = await loadReport(app.store.db, head.id, req.query.version);
      if (!loaded) throw notFound('该版本');
      let bytes: Uint8Array;
      try {
        bytes = await renderReport(loaded.report, { to: req.query.to, draft: req.query.draft === true });
      } catch (e) {
        if (e instanceof PublicationRefusedError) throw new HttpError(409, 'publication_refused', e.message);
        if (e instanceof RenderError) throw new HttpError(500, 'render_failed', e.message);
        throw e;
      }
      const info = TARGET_INFO[req.query.to];
      const name = `${head.agency ?? loaded.report.agency ?? '报告'}${head.year ?? ''}年度${req.query.draft ? '-草稿' : ''}${info.extension}`;
      void reply.type(info.mediaType);
      if (req.query.to === 'html') void reply.header('content-security-policy', "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:");
      attachment(reply, name);
      return reply.send(Buffer.from(bytes));
    },
  );

  app.patch<{ Params: { id: string }; Body: { agency_id?: string; year?: number; published?: boolean } }>(
    '/reports/:id',
    {
      schema: {
        tags: ['报告'],
        summary: '指定报告所属机关和年度（导入时无法确定的），或设置是否向公众公开；该机关该年度已有报告时，这份待定报告成为那份报告的新版本（返回 merged，原待定报告不再单独存在）',
        params: idParams,
        body: {
          type: 'object',
          properties: { agency_id: uuid, year: { type: 'integer', minimum: 1990, maximum: 2100 }, published: { type: 'boolean' } },
          additionalProperties: false,
          minProperties: 1,
        },
        ...{ response: errors },
      },
    },
    async (req) => {
      signedIn(req);
      const head = await readableReport(app, req, req.params.id);
      const body = req.body;
      if (body.published !== undefined && !canReview(req.viewer, head)) throw forbidden('只有管理员和监督人员可以设置报告是否公开');
      const deciding = body.agency_id !== undefined || body.year !== undefined;
      if (deciding) {
        // Deciding an undecided report: admin, or whoever may write to the target agency.
        const target = body.agency_id ? await app.store.db.selectFrom('agencies').selectAll().where('id', '=', body.agency_id).executeTakeFirst() : undefined;
        if (body.agency_id && !target) throw badRequest('指定的机关不存在');
        const scope = target ? { agency_id: target.id, region_code: target.region_code, published: false } : head;
        if (!canWrite(req.viewer, scope) || (head.agency_id && !canWrite(req.viewer, head))) throw forbidden('无权把报告归入该机关');
      }
      const agencyId = body.agency_id ?? head.agency_id;
      const year = body.year ?? head.year;
      if (deciding && agencyId && year) {
        const other = await app.store.db.selectFrom('reports').select(['id', 'current_version']).where('agency_id', '=', agencyId).where('year', '=', year).where('id', '<>', head.id).executeTakeFirst();
        if (other && head.status !== 'needs_decision') {
          throw new HttpError(409, 'conflict', `该机关${year}年度已有另一份报告（${other.id}），已归属的报告不能再改归该机关该年度`);
        }
        if (other) return mergeUndecided(app, req, head.id, other, agencyId, year);
      }
      const next = {
        agency_id: agencyId,
        year,
        published: body.published ?? head.published,
        status: head.status === 'needs_decision' && agencyId && year ? ('checked' as const) : head.status,
      };
      await app.store.db.transaction().execute(async (tx) => {
        await tx.updateTable('reports').set({ ...next, updated_at: new Date() }).where('id', '=', head.id).execute();
        await recordAudit(tx, {
          user: auditUser(req),
          action: 'update',
          entity: 'report',
          entityId: head.id,
          oldValue: { agency_id: head.agency_id, year: head.year, published: head.published, status: head.status },
          newValue: next,
          ip: req.ip,
        });
        if (deciding) {
          await crossCheck(tx, [head.id]);
          await refreshCounts(tx, [head.id]);
        }
      });
      return { report: await reportHead(app.store.db, head.id) };
    },
  );

  app.post<{ Params: { id: string }; Body: { cells: { address: string; value: number | null }[]; note: string } }>(
    '/reports/:id/corrections',
    {
      schema: {
        tags: ['报告'],
        summary: '更正单元格的值：生成新版本（原件和旧版本不变），重新核查，并记入审计日志',
        params: idParams,
        body: {
          type: 'object',
          properties: {
            cells: {
              type: 'array',
              minItems: 1,
              maxItems: 500,
              items: {
                type: 'object',
                properties: { address: { type: 'string', pattern: '^[a-z_]+\\.[a-z_]+\\.[a-z_]+$' }, value: { type: ['number', 'null'] } },
                required: ['address', 'value'],
                additionalProperties: false,
              },
            },
            note: { type: 'string', minLength: 1, maxLength: 2000, description: '更正的理由（必填）' },
          },
          required: ['cells', 'note'],
          additionalProperties: false,
        },
      },
    },
    async (req) => {
      const v = signedIn(req);
      const head = await readableReport(app, req, req.params.id);
      if (!canWrite(req.viewer, head)) throw forbidden('无权更正这份报告');
      const result = await app.store.db.transaction().execute(async (tx) => {
        let r;
        try {
          r = await correctReport(tx, head.id, req.body.cells, { userId: v.userId, note: req.body.note, recheck: (rep) => withChecks(rep), cross: crossCheck });
        } catch (e) {
          throw badRequest((e as Error).message);
        }
        await refreshCounts(tx, [head.id]);
        await recordAudit(tx, {
          user: auditUser(req),
          action: 'correct',
          entity: 'report',
          entityId: head.id,
          oldValue: { version: head.current_version, cells: r.changed.map((c) => ({ address: c.address, value: c.old })) },
          newValue: { version: r.version, cells: r.changed.map((c) => ({ address: c.address, value: c.new })), note: req.body.note },
          ip: req.ip,
        });
        return r;
      });
      return { version: result.version, changed: result.changed };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/reports/:id/recheck',
    { schema: { tags: ['报告'], summary: '重新运行跨报告核查（上下年度、上下级、内容雷同）', params: idParams } },
    async (req) => {
      signedIn(req);
      const head = await readableReport(app, req, req.params.id);
      if (!canWrite(req.viewer, head)) throw forbidden();
      await app.store.db.transaction().execute(async (tx) => {
        await crossCheck(tx, [head.id]);
        await refreshCounts(tx, [head.id]);
        await recordAudit(tx, { user: auditUser(req), action: 'recheck', entity: 'report', entityId: head.id, ip: req.ip });
      });
      return { ok: true };
    },
  );
  done();
};

/** An undecided report assigned to an agency's occupied year: it becomes that report's next version. */
async function mergeUndecided(app: FastifyInstance, req: FastifyRequest, fromId: string, other: { id: string; current_version: number }, agencyId: string, year: number) {
  const merged = await app.store.db.transaction().execute(async (tx) => {
    const m = await mergeAsVersion(tx, fromId, other.id, { userId: signedIn(req).userId, recheck: (rep) => withChecks(rep) });
    // Reports whose findings named the undecided report are checked again: they now meet the report it became.
    await crossCheck(tx, [other.id, ...m.referring], undefined, undefined, { gone: [fromId] });
    await refreshCounts(tx, [other.id, ...m.referring]);
    await recordAudit(tx, {
      user: auditUser(req),
      action: 'update',
      entity: 'report',
      entityId: other.id,
      oldValue: { version: other.current_version },
      newValue: { version: m.version, merged_from: fromId, agency_id: agencyId, year },
      ip: req.ip,
    });
    return m;
  });
  return {
    report: await reportHead(app.store.db, other.id),
    merged: { from: fromId, version: merged.version, message: `该机关${year}年度已有报告，此报告已作为那份报告的第${merged.version}版` },
  };
}
