// Building case actions in tests: each helper fills the id and the clerk, the test gives the
// date and what matters.

import assert from 'node:assert/strict';
import type { ActionOf, CaseAction } from '../../src/cases/actions.ts';
import type { WorkCalendar } from '../../src/cases/calendar/work-calendar.ts';
import { appendAction } from '../../src/cases/derive.ts';

let counter = 0;

type Fields<T extends CaseAction['type']> = Omit<ActionOf<T>, 'type' | 'id' | 'on' | 'by'> & { id?: string };

export function act<T extends CaseAction['type']>(type: T, on: string, fields: Fields<T>): ActionOf<T> {
  const { id, ...rest } = fields as Fields<T> & { id?: string };
  return { type, id: id ?? `a${++counter}`, on, by: '登记员甲', ...rest } as unknown as ActionOf<T>;
}

/** A request received in person (or by `channel`) from an applicant of `type`. */
export function received(on: string, opts: { type?: string; channel?: ActionOf<'received'>['channel']; confirmedOn?: string; splitFrom?: string } = {}): ActionOf<'received'> {
  return act('received', on, {
    channel: opts.channel ?? 'in_person',
    ...(opts.confirmedOn ? { confirmedOn: opts.confirmedOn } : {}),
    ...(opts.splitFrom ? { splitFrom: opts.splitFrom } : {}),
    applicant:
      (opts.type ?? 'natural_person') === 'natural_person'
        ? { type: 'natural_person', name: '张三', idKind: 'resident_id', idNumber: '11010519491231002X', phone: '010-12345678' }
        : { type: opts.type!, name: '某某有限公司', idKind: 'credit_code', idNumber: '91350100M000100Y43', phone: '0591-12345678' },
    request: { description: '本机关2023年度行政许可事项的办理情况' },
  });
}

export function reply(on: string, outcome: string): ActionOf<'reply_sent'> {
  return act('reply_sent', on, { outcome });
}

/** Append each action on `calendar`, failing the test on a refusal. */
export function buildOn(calendar: WorkCalendar, ...actions: CaseAction[]): CaseAction[] {
  let list: CaseAction[] = [];
  for (const a of actions) {
    const r = appendAction(list, a, calendar);
    assert.deepEqual(r.errors, [], `${a.type} ${a.on}`);
    list = r.actions;
  }
  return list;
}
