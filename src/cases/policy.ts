// The statutory periods a case is held to, in working days, and the few choices the rules leave
// open (workflow.md marks them [U]); an agency's settings may change the choices, the law's
// numbers are here so that every derivation names them once.

export interface CasePolicy {
  /** Art. 33 ¶2: reply within 20 working days of receipt. */
  replyWorkingDays: number;
  /** Art. 33 ¶2: an extension adds at most 20 working days. */
  maxExtensionWorkingDays: number;
  /** Art. 30: the 补正 notice goes out within 7 working days of receipt, once. */
  correctionNoticeWorkingDays: number;
  /** Arts. 32, 34: the consulted party has 15 working days; the time is not counted (art. 33 ¶3). */
  consultationWorkingDays: number;
  /** 109号: the applicant pays within 20 working days of receiving the fee notice. */
  paymentWorkingDays: number;
  /** [U] Whether the time between fee notice and payment is left out of the reply period. */
  pauseWhileAwaitingFee: boolean;
  /** Open cases due within this many working days are listed as due soon. */
  dueSoonWorkingDays: number;
}

export const DEFAULT_POLICY: CasePolicy = {
  replyWorkingDays: 20,
  maxExtensionWorkingDays: 20,
  correctionNoticeWorkingDays: 7,
  consultationWorkingDays: 15,
  paymentWorkingDays: 20,
  pauseWhileAwaitingFee: true,
  dueSoonWorkingDays: 5,
};
