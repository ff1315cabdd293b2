// A report's source as the readers see it: paragraphs (with their line or paragraph number and
// page) and tables as grids of cells. The web app draws the original's tables and lines from
// this — text only, so nothing from an untrusted document runs or loads — and marks the cell or
// line that a value came from (cell provenance: table, row, col, line, page).

import type { FastifyPluginCallback } from 'fastify';
import { ingest } from '../../ingest/index.ts';
import { notFound } from '../context.ts';
import { errors, idParams } from '../schemas.ts';
import { readableReport } from './reports.ts';

const position = { line: { type: 'integer' }, page: { type: 'integer' } } as const;

export const sourceRoutes: FastifyPluginCallback = (app, _opts, done) => {
  app.get<{ Params: { id: string }; Querystring: { version?: number } }>(
    '/reports/:id/source',
    {
      schema: {
        tags: ['报告'],
        summary: '原件的内容结构：段落（行号、页码）和表格（单元格的行列位置），用于在原件中标出数值的来源',
        params: idParams,
        querystring: { type: 'object', properties: { version: { type: 'integer', minimum: 1 } }, additionalProperties: false },
        response: {
          200: {
            type: 'object',
            properties: {
              name: { type: 'string' },
              kind: { type: 'string' },
              blocks: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    type: { type: 'string', enum: ['paragraph', 'table'] },
                    text: { type: 'string' },
                    table: { type: 'integer', description: '表格序号（从 1 起）' },
                    ...position,
                    rows: {
                      type: 'array',
                      items: {
                        type: 'array',
                        items: { type: 'object', properties: { text: { type: 'string' }, row: { type: 'integer' }, col: { type: 'integer' }, rowSpan: { type: 'integer' }, colSpan: { type: 'integer' }, ...position } },
                      },
                    },
                  },
                },
              },
            },
          },
          ...errors,
        },
      },
    },
    async (req) => {
      const head = await readableReport(app, req, req.params.id);
      const v = await app.store.db
        .selectFrom('report_versions as v')
        .innerJoin('documents as d', 'd.sha256', 'v.document_sha256')
        .select(['d.bytes', 'd.name'])
        .where('v.report_id', '=', head.id)
        .where('v.version', '=', req.query.version ?? head.current_version)
        .executeTakeFirst();
      if (!v) throw notFound('原始文件');
      const doc = await ingest(new Uint8Array(v.bytes), v.name);
      return { name: doc.name, kind: doc.kind, blocks: doc.blocks };
    },
  );
  done();
};
