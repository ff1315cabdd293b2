// 内容雷同 of two reports: both narratives, the share of A's text (after the format's fixed
// wording is removed) that B repeats, the template baseline, and the shared passages located in
// both texts, for the side-by-side view.

import type { FastifyPluginCallback } from 'fastify';
import { compare, prepare } from '../../check/similarity.ts';
import { loadReport } from '../../store/reports.ts';
import { notFound } from '../context.ts';
import { errors, idParams, uuid } from '../schemas.ts';
import { readableReport } from './reports.ts';

const side = {
  type: 'object',
  properties: {
    id: uuid,
    agency: { type: ['string', 'null'] },
    year: { type: ['integer', 'null'] },
    text: { type: 'string', description: '正文（各部分以换行连接）' },
    chars: { type: 'integer', description: '去除模板用语后参与比较的字数' },
    baseline: { type: 'number', description: '正文中格式固定用语所占比例（模板基线）' },
  },
} as const;

export const similarityRoutes: FastifyPluginCallback = (app, _opts, done) => {
  app.get<{ Params: { id: string }; Querystring: { with: string } }>(
    '/reports/:id/similarity',
    {
      schema: {
        tags: ['报告'],
        summary: '两份报告的内容雷同对比：正文、去除格式固定用语后的重复比例（与模板基线对照）、重复段落在两份正文中的位置',
        params: idParams,
        querystring: { type: 'object', properties: { with: uuid }, required: ['with'], additionalProperties: false },
        response: {
          200: {
            type: 'object',
            properties: {
              a: side,
              b: side,
              share: { type: 'number', description: 'A 去除模板用语后的文字中，B 也有的比例' },
              reverse_share: { type: 'number', description: 'B 去除模板用语后的文字中，A 也有的比例' },
              chars: { type: 'integer', description: '比较的 A 的字数（分母）' },
              passages: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { start: { type: 'integer' }, end: { type: 'integer' }, other_start: { type: 'integer' }, other_end: { type: 'integer' }, text: { type: 'string' } },
                },
              },
            },
          },
          ...errors,
        },
      },
    },
    async (req) => {
      const [ha, hb] = [await readableReport(app, req, req.params.id), await readableReport(app, req, req.query.with)];
      const [la, lb] = await Promise.all([loadReport(app.store.db, ha.id), loadReport(app.store.db, hb.id)]);
      if (!la || !lb) throw notFound('报告');
      const [pa, pb] = [prepare(la.report), prepare(lb.report)];
      const ab = compare(pa, pb);
      const ba = compare(pb, pa);
      const sideOf = (h: typeof ha, p: typeof pa, chars: number, baseline: number) => ({ id: h.id, agency: h.agency ?? null, year: h.year ?? null, text: p.text, chars, baseline });
      return {
        a: sideOf(ha, pa, ab.chars, ab.baseline),
        b: sideOf(hb, pb, ba.chars, ba.baseline),
        share: ab.share,
        reverse_share: ba.share,
        chars: ab.chars,
        passages: ab.passages.map((p) => ({ start: p.start, end: p.end, other_start: p.otherStart, other_end: p.otherEnd, text: p.text })),
      };
    },
  );
  done();
};
