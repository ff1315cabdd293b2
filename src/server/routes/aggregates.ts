// Dashboard figures: measures by year / region / level / kind with their denominators, the share
// of reports failing each rule, the agencies with the most open problems.

import type { FastifyPluginCallback } from 'fastify';
import { measures } from '../../model/measures.ts';
import { agenciesWithMostOpen, measureFigures, ruleShares, type GroupBy } from '../../store/aggregates.ts';
import { corpusFilterProperties, toFilter, type CorpusQuery } from '../schemas.ts';

export const aggregateRoutes: FastifyPluginCallback = (app, _opts, done) => {
  app.get<{ Querystring: CorpusQuery & { by?: GroupBy; region_digits?: number } }>(
    '/aggregates/measures',
    {
      schema: {
        tags: ['统计'],
        summary: '申请数、办理结果、复议诉讼纠正率、收费等合计，按年度、地区、层级或类型分组；每组附报告数（分母）和有该数据的报告数',
        querystring: {
          type: 'object',
          properties: {
            ...corpusFilterProperties,
            by: { type: 'string', enum: ['year', 'region', 'level', 'kind', 'none'], default: 'year' },
            region_digits: { type: 'integer', enum: [2, 4, 6], default: 2, description: '按地区分组时取行政区划代码的前几位（2 省、4 市、6 县）' },
          },
          additionalProperties: false,
        },
      },
    },
    async (req) => ({
      definitions: measures(),
      groups: await measureFigures(app.store.db, req.viewer, toFilter(req.query), req.query.by ?? 'year', req.query.region_digits ?? 2),
    }),
  );

  app.get<{ Querystring: CorpusQuery }>(
    '/aggregates/rules',
    {
      schema: {
        tags: ['统计'],
        summary: '各规则的报告占比：有该问题（未排除）的报告数 / 报告总数',
        querystring: { type: 'object', properties: corpusFilterProperties, additionalProperties: false },
      },
    },
    async (req) => ruleShares(app.store.db, req.viewer, toFilter(req.query)),
  );

  app.get<{ Querystring: CorpusQuery & { limit?: number } }>(
    '/aggregates/agencies',
    {
      schema: {
        tags: ['统计'],
        summary: '待处理问题最多的机关（附其报告数和错误数）',
        querystring: { type: 'object', properties: { ...corpusFilterProperties, limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 } }, additionalProperties: false },
      },
    },
    async (req) => ({ agencies: await agenciesWithMostOpen(app.store.db, req.viewer, toFilter(req.query), req.query.limit ?? 20) }),
  );
  done();
};
