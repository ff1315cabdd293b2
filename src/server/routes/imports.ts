// Imports through the API: a multipart upload of files (and zip archives, expanded) queued as a
// batch; the response is the batch id; the batch's items are polled for their state.

import type { FastifyPluginCallback } from 'fastify';
import { expandArchive } from '../../ingest/archive.ts';
import { detectKind } from '../../ingest/detect.ts';
import { auditBatch, itemsOf } from '../../store/import.ts';
import { createBatch, statusFromStates, type NewItem } from '../../store/jobs.ts';
import { auditUser, badRequest, forbidden, notFound, signedIn } from '../context.ts';
import { errors, idParams } from '../schemas.ts';

export const importRoutes: FastifyPluginCallback<{ uploadRateLimit: number }> = (app, opts, done) => {
  app.post(
    '/imports',
    {
      config: { rateLimit: { max: opts.uploadRateLimit, timeWindow: 60_000 } },
      schema: {
        tags: ['导入'],
        summary: '上传报告文件导入（multipart/form-data，可多个文件或 zip 压缩包；字段 publish=true 时导入后向公众公开）；返回批次号，逐文件状态用 GET /api/imports/{id} 查询',
        consumes: ['multipart/form-data'],
        response: { 202: { type: 'object', properties: { batch: { type: 'string' }, files: { type: 'integer' } } }, ...errors },
      },
    },
    async (req, reply) => {
      const v = signedIn(req);
      if (!req.isMultipart()) throw badRequest('请以 multipart/form-data 上传文件');
      const items: NewItem[] = [];
      let publish = false;
      for await (const part of req.parts()) {
        if (part.type === 'field') {
          if (part.fieldname === 'publish') publish = String(part.value) === 'true';
          continue;
        }
        const bytes = await part.toBuffer();
        const name = part.filename || '未命名文件';
        if (detectKind(bytes) === 'zip') {
          try {
            for (const entry of expandArchive(bytes, name)) items.push({ name: entry.name, upload: entry.bytes });
          } catch (e) {
            throw badRequest((e as Error).message);
          }
        } else {
          items.push({ name, upload: bytes });
        }
      }
      if (!items.length) throw badRequest('没有收到文件');
      if (publish && v.role === 'agency') throw forbidden('机关工作人员导入的报告须经监督人员审核后公开');
      const batch = await app.store.db.transaction().execute(async (tx) => {
        const id = await createBatch(tx, { source: 'api', createdBy: v.userId, publish }, items);
        await auditBatch(tx, id, auditUser(req), items.length, req.ip);
        return id;
      });
      app.pokeWorker();
      return reply.status(202).send({ batch, files: items.length });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/imports/:id',
    {
      schema: {
        tags: ['导入'],
        summary: '导入批次的进度和逐文件结果（排队、处理中、已导入、重复、已跳过、失败及原因；机关无法确定时附候选机关）',
        params: idParams,
      },
    },
    async (req) => {
      const v = signedIn(req);
      const batch = await app.store.db.selectFrom('import_batches').selectAll().where('id', '=', req.params.id).executeTakeFirst();
      if (!batch || (v.role !== 'admin' && batch.created_by !== v.userId)) throw notFound('导入批次');
      // Counts made from the items read in the same query: two queries on a server's pool may see
      // two snapshots (a batch counted done while its items still show no report).
      const items = await itemsOf(app.store.db, batch.id);
      return { ...statusFromStates(batch, items), created_at: batch.created_at, items };
    },
  );
  done();
};
