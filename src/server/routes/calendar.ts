// The working-day calendar: every year with the notice it came from (anyone may read it), and
// the administrator's update when a year's notice is published — which moves the due date of
// every open case whose period touches that year.

import type { FastifyPluginCallback } from 'fastify';
import type { CalendarYear } from '../../cases/calendar/years.ts';
import { recordAudit } from '../../store/audit.ts';
import { calendarYears, loadCalendar, saveCalendarYear } from '../../store/calendar.ts';
import { auditUser, badRequest, forbidden, signedIn } from '../context.ts';
import { asHttpError } from '../case-context.ts';
import { errors } from '../schemas.ts';

const tags = ['工作日日历'];
const isoDate = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } as const;

export const calendarRoutes: FastifyPluginCallback = (app, _opts, done) => {
  app.get('/calendar', { schema: { tags, summary: '各年节假日安排（含所依据的国务院办公厅通知）；未列出的年份按法定节日暂定' } }, async () => {
    const years = await calendarYears(app.store.db);
    return { years, provisional_from: Math.max(...years.map((y) => y.year)) + 1 };
  });

  app.get<{ Querystring: { from: string; days: number } }>(
    '/calendar/add',
    {
      schema: {
        tags,
        summary: '某日之后第 N 个工作日（期限从次日起算；暂定年份标明）',
        querystring: { type: 'object', properties: { from: isoDate, days: { type: 'integer', minimum: 0, maximum: 400 } }, required: ['from', 'days'], additionalProperties: false },
        response: errors,
      },
    },
    async (req) => {
      const calendar = await loadCalendar(app.store.db);
      const r = calendar.addWorkingDays(req.query.from, req.query.days);
      return { date: r.date, provisional: r.provisional };
    },
  );

  app.put<{ Params: { year: number }; Body: Omit<CalendarYear, 'year'> }>(
    '/calendar/:year',
    {
      schema: {
        tags,
        summary: '新增或更正一年的节假日安排（管理员；国务院办公厅通知发布后）。所有未结案件的期限随之重新计算',
        params: { type: 'object', properties: { year: { type: 'integer', minimum: 1949, maximum: 2200 } }, required: ['year'] },
        body: {
          type: 'object',
          properties: {
            notices: {
              type: 'array',
              minItems: 1,
              maxItems: 5,
              items: { type: 'object', properties: { number: { type: 'string', minLength: 1, maxLength: 100 }, title: { type: 'string', minLength: 1, maxLength: 300 }, issued: isoDate, note: { type: 'string', maxLength: 500 } }, required: ['number', 'title', 'issued'], additionalProperties: false },
            },
            holidays: { type: 'array', maxItems: 30, items: { type: 'object', properties: { name: { type: 'string', minLength: 1, maxLength: 20 }, from: isoDate, to: isoDate }, required: ['name', 'from', 'to'], additionalProperties: false } },
            workdays: { type: 'array', maxItems: 30, items: { type: 'object', properties: { date: isoDate, for: { type: 'string', minLength: 1, maxLength: 20 } }, required: ['date', 'for'], additionalProperties: false } },
          },
          required: ['notices', 'holidays', 'workdays'],
          additionalProperties: false,
        },
        response: errors,
      },
    },
    async (req) => {
      const v = signedIn(req);
      if (v.role !== 'admin') throw forbidden('只有管理员可以修改节假日安排');
      const year: CalendarYear = { year: req.params.year, ...req.body };
      if (!year.holidays.length && !year.workdays.length) throw badRequest('节假日安排不能为空');
      const before = (await calendarYears(app.store.db)).find((y) => y.year === year.year) ?? null;
      await app.store.db
        .transaction()
        .execute(async (tx) => {
          await saveCalendarYear(tx, year, v.userId);
          await recordAudit(tx, { user: auditUser(req), action: 'update', entity: 'calendar', entityId: String(year.year), oldValue: before, newValue: year, ip: req.ip });
        })
        .catch(asHttpError);
      return { year: year.year, saved: true };
    },
  );
  done();
};
