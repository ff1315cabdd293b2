// Exports of a filtered corpus: CSV (UTF-8 with BOM, one row per report, every cell a column),
// XLSX (the same, streamed) and interchange JSON Lines (one gongkai.report/1 per line).

import { PassThrough } from 'node:stream';
import type { FastifyPluginCallback } from 'fastify';
import ExcelJS from 'exceljs';
import { cellColumns, csvField, exportReports, exportRows, REPORT_COLUMNS } from '../../store/exports.ts';
import { corpusFilterProperties, toFilter, type CorpusQuery } from '../schemas.ts';

export const exportRoutes: FastifyPluginCallback = (app, _opts, done) => {
  app.get<{ Querystring: CorpusQuery & { to: 'csv' | 'xlsx' | 'jsonl' } }>(
    '/exports',
    {
      schema: {
        tags: ['导出'],
        summary: '导出筛选出的报告（to 为导出格式；format 仍是按年报格式版本筛选）：csv（每份报告一行，每个单元格一列）、xlsx（同上）或 jsonl（交换格式，每行一份）',
        querystring: {
          type: 'object',
          properties: { ...corpusFilterProperties, to: { type: 'string', enum: ['csv', 'xlsx', 'jsonl'], description: '导出格式' } },
          required: ['to'],
          additionalProperties: false,
        },
      },
    },
    async (req, reply) => {
      const filter = toFilter(req.query);
      const db = app.store.db;
      const viewer = req.viewer;
      const stamp = new Date().toISOString().slice(0, 10);
      const out = new PassThrough();
      const columns = cellColumns();
      const name = `年度报告导出-${stamp}.${req.query.to}`;
      void reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`);
      if (req.query.to === 'jsonl') {
        void reply.type('application/x-ndjson; charset=utf-8');
        void (async () => {
          for await (const r of exportReports(db, viewer, filter)) out.write(JSON.stringify(r) + '\n');
          out.end();
        })().catch((e: Error) => out.destroy(e));
      } else if (req.query.to === 'csv') {
        void reply.type('text/csv; charset=utf-8');
        void (async () => {
          out.write('\ufeff' + [...REPORT_COLUMNS.map((c) => c.label), ...columns.map((c) => c.label)].map(csvField).join(',') + '\r\n');
          for await (const row of exportRows(db, viewer, filter)) {
            const fields = [...REPORT_COLUMNS.map((c) => row.report[c.key]), ...columns.map((c) => row.values.get(c.address))];
            out.write(fields.map(csvField).join(',') + '\r\n');
          }
          out.end();
        })().catch((e: Error) => out.destroy(e));
      } else {
        void reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        void (async () => {
          const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
          const sheet = wb.addWorksheet('报告');
          sheet.addRow([...REPORT_COLUMNS.map((c) => c.label), ...columns.map((c) => c.label)]).commit();
          for await (const row of exportRows(db, viewer, filter)) {
            sheet.addRow([...REPORT_COLUMNS.map((c) => row.report[c.key] ?? null), ...columns.map((c) => row.values.get(c.address) ?? null)] as ExcelJS.CellValue[]).commit();
          }
          sheet.commit();
          await wb.commit();
        })().catch((e: Error) => out.destroy(e));
      }
      return reply.send(out);
    },
  );
  done();
};
