// Files of a case: scans and documents received or sent on paper (application form, envelope,
// identity document, delivery receipt, a third party's written opinion). Uploaded by the
// agency's staff acting in the case, listed to its case staff, downloaded only by staff handling
// the case (they may show identity documents: every download is logged). Never deleted.

import type { FastifyPluginCallback } from 'fastify';
import { CASE_FILE_KINDS, CaseFileRefused, MAX_CASE_FILE_BYTES } from '../../cases/files.ts';
import { recordAudit } from '../../store/audit.ts';
import { addCaseFile, listCaseFiles, readCaseFile, type CaseFileInfo } from '../../store/case-files.ts';
import { HttpError, auditUser, badRequest, notFound } from '../context.ts';
import { actingStaff, caseErrors, caseStaff, logPersonalView, mustHandle, visibleCase } from '../case-context.ts';
import { errors, uuid } from '../schemas.ts';

const tags = ['依申请公开案件'];
const caseParams = { type: 'object', properties: { id: uuid }, required: ['id'] } as const;
const fileInfo = {
  type: 'object',
  properties: { id: uuid, name: { type: 'string' }, kind: { type: 'string', enum: Object.keys(CASE_FILE_KINDS) }, size: { type: 'integer' }, sha256: { type: 'string' }, uploaded_at: { type: 'string' } },
} as const;

/** Most files one upload to a case may carry. */
const MAX_FILES = 20;

export const caseFileRoutes: FastifyPluginCallback<{ uploadRateLimit: number }> = (app, opts, done) => {
  app.post<{ Params: { id: string } }>(
    '/cases/:id/files',
    {
      config: { rateLimit: { max: opts.uploadRateLimit, timeWindow: 60_000 } },
      schema: {
        tags,
        summary: `上传案件的文件（multipart/form-data，最多 ${MAX_FILES} 个，每个不超过 ${MAX_CASE_FILE_BYTES / 1024 / 1024} MB）：申请表、信封、身份证明、送达回证等的扫描件或文档；只接受 PDF、OFD、Word 和 JPEG/PNG/TIFF 图片，按内容识别；保存后不能修改或删除，记录的“文书”用返回的编号引用`,
        params: caseParams,
        consumes: ['multipart/form-data'],
        response: { 201: { type: 'object', properties: { files: { type: 'array', items: fileInfo } } }, ...errors, ...caseErrors },
      },
    },
    async (req, reply) => {
      const { v, c } = await actingStaff(app, req, req.params.id);
      if (!req.isMultipart()) throw badRequest('请以 multipart/form-data 上传文件');
      const uploads: { name: string; bytes: Buffer }[] = [];
      for await (const part of req.parts()) {
        if (part.type === 'field') continue;
        if (uploads.length === MAX_FILES) throw new HttpError(413, 'too_many_files', `一次最多上传 ${MAX_FILES} 个文件`);
        uploads.push({ name: (part.filename || '未命名文件').slice(0, 200), bytes: await part.toBuffer() });
      }
      if (!uploads.length) throw badRequest('没有收到文件');
      const files = await app.store.db
        .transaction()
        .execute(async (tx) => {
          const kept: CaseFileInfo[] = [];
          for (const u of uploads) kept.push(await addCaseFile(tx, { caseId: c.row.id, name: u.name, bytes: u.bytes, userId: v.userId }));
          await recordAudit(tx, { user: auditUser(req), action: 'upload', entity: 'case', entityId: c.row.id, newValue: { files: kept.map((f) => ({ id: f.id, name: f.name, kind: f.kind, sha256: f.sha256 })) }, ip: req.ip });
          return kept;
        })
        .catch((e: unknown) => {
          if (e instanceof CaseFileRefused) throw new HttpError(422, 'file_refused', e.message);
          throw e;
        });
      return reply.status(201).send({ files });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/cases/:id/files',
    { schema: { tags, summary: '案件的文件列表（名称、类型、大小、SHA-256；不含内容）', params: caseParams, response: { 200: { type: 'object', properties: { files: { type: 'array', items: fileInfo } } }, ...errors } } },
    async (req) => {
      const v = await caseStaff(app, req);
      const c = await visibleCase(app, v, req.params.id);
      return { files: await listCaseFiles(app.store.db, c.row.id) };
    },
  );

  app.get<{ Params: { id: string; file: string } }>(
    '/cases/:id/files/:file',
    {
      schema: {
        tags,
        summary: '下载案件的文件（可能含身份证明：仅办理本案的工作人员，每次下载记入审计日志）',
        params: { type: 'object', properties: { id: uuid, file: uuid }, required: ['id', 'file'] },
        response: errors,
      },
    },
    async (req, reply) => {
      const v = await caseStaff(app, req);
      const c = await visibleCase(app, v, req.params.id);
      mustHandle(v, c);
      const f = await readCaseFile(app.store.db, c.row.id, req.params.file);
      if (!f) throw notFound('文件');
      await logPersonalView(app, req, c, `file:${f.id}`);
      void reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`);
      void reply.header('x-content-type-options', 'nosniff');
      return reply.type(CASE_FILE_KINDS[f.kind].mime).send(Buffer.from(f.bytes));
    },
  );

  done();
};
