// 依申请公开: the case domain as a library. A case is an append-only list of typed actions; its
// state, deadlines and the annual report's 表三/表四 are derived from the actions and the
// working-day calendar. See docs/cases.md.

import type { LetterDocument } from './letters/fill.ts';

export * from './actions.ts';
export { caseActionSchema, actionShapeProblems, isCaseAction } from './schema.ts';
export { deriveCase, appendAction, STAGE_LABELS } from './derive.ts';
export type { CaseView, CaseState, DeriveOptions, AppendResult, Problem, Stage, ConsultationState, FeeState, ReviewState } from './derive.ts';
export { replyDeadline, classifyCase, replyTime, URGENCY_LABELS } from './deadlines.ts';
export type { Deadline, Urgency, Classification, ReplyTime } from './deadlines.ts';
export { DEFAULT_POLICY, type CasePolicy } from './policy.ts';
export { WorkCalendar, CalendarError } from './calendar/work-calendar.ts';
export type { DayInfo, WorkingDayResult } from './calendar/work-calendar.ts';
export { shippedCalendar, calendarYearProblems } from './calendar/years.ts';
export type { CalendarYear, CalendarData, Notice, HolidaySpan, MakeUpWorkday, StatutoryRules, StatutoryHoliday } from './calendar/years.ts';
export { provisionalDaysOff } from './calendar/provisional.ts';
export { isIsoDate, chineseDate, todayInChina, DateError, type IsoDate } from './calendar/iso-date.ts';
export { feeSchedule, feeForApplication, monthTotal, feeByPages } from './fees.ts';
export type { FeeMethod, FeeBand, FeeSchedule, FeeResult, FeePart } from './fees.ts';
export { applicantTypes, applicantTypeLabel, checkResidentId, checkCreditCode, type IdentityResult } from './identity.ts';
export { outcomeData, outcome, outcomeIds, outcomeRow, overrideProblems, resultRows } from './outcomes.ts';
export type { OutcomeDef, OutcomeVia, OutcomeData, RowOverrides, ReviewKindDef, ReviewResultDef } from './outcomes.ts';
export { compileYear, type LedgerCase, type CompileOptions, type CompiledYear } from './compile.ts';
export { letterTemplate, LetterError, LETTER_KINDS, type LetterKind, type LetterTemplate, type SlotDef, type SlotType } from './letters/templates.ts';
export { fillLetter, slotsFromCase, type AgencyProfile, type LetterDocument, type LetterRequest, type SlotValue, type LetterParagraph } from './letters/fill.ts';
export { renderLetterHtml } from './letters/html.ts';

/** A filled letter as a Word document (the Word library is loaded on first use). */
export async function renderLetterDocx(letter: LetterDocument): Promise<Uint8Array> {
  return (await import('./letters/docx.ts')).renderLetterDocx(letter);
}

/** A filled letter as PDF through the shared headless browser; call closeBrowser() when done. */
export async function renderLetterPdf(letter: LetterDocument): Promise<Uint8Array> {
  return (await import('./letters/pdf.ts')).renderLetterPdf(letter);
}
