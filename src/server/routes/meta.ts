// Health, the rule catalogue and the format versions (for the web app's labels).

import type { FastifyPluginCallback } from 'fastify';
import { rules } from '../../check/index.ts';
import { formats } from '../../model/load.ts';

export const metaRoutes: FastifyPluginCallback = (app, _opts, done) => {
  app.get('/health', { schema: { tags: ['系统'], summary: '服务状态' } }, async () => {
    await app.store.db.selectFrom('schema_migrations').select('id').limit(1).execute();
    return { ok: true, backend: app.store.backend };
  });

  app.get('/rules', { schema: { tags: ['系统'], summary: '全部核查规则（编号、级别、阶段、中文说明）' } }, () => ({ rules: rules().map((r) => r.meta) }));

  app.get('/formats', { schema: { tags: ['系统'], summary: '年报格式版本：表、行、列及其官方标签' } }, () => ({
    formats: formats().map((f) => ({
      id: f.id,
      name: f.name,
      basis: f.basis,
      years: f.years,
      sections: f.sections.map((s) => ({ id: s.id, numeral: s.numeral, label: s.label })),
      tables: f.tables.map((t) => ({
        id: t.id,
        name: t.name,
        layout: t.layout,
        columns: t.columns.map((c) => ({ id: c.id, label: c.label, short: c.short, group: c.group ?? null, unit: c.unit ?? null })),
        rows: t.rows.map((r) => ({ id: r.id, label: r.label, short: r.short, parents: r.parents, group: r.group ?? null, columns: r.columns.map((c) => c.id) })),
      })),
    })),
  }));
  done();
};
