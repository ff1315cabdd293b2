// The one maker of diagnostics, for the parser and the checker alike (vfile's message factory and
// ESLint's rule metadata are the models). A rule declares its metadata once — id, severity, title,
// description, and every message it gives, each with the stage that gives it and an example — and
// every diagnostic is made from that metadata by createDiagnostic: it carries the rule id, the
// message id, its origin (parse or check) and the rule's severity, so no stage repeats them.

import type { Diagnostic, Severity, Stage } from '../interchange/types.ts';

export interface MessageMeta {
  /** The stage that gives this message: parse (while reading the source) or check (from the report's data). */
  origin: Stage;
  /** A message as a user gets it (Chinese), for the documentation and `gongkai rules ID`; rule tests make it. */
  example: string;
}

export interface RuleMeta<Id extends string = string> {
  id: string;
  severity: Severity;
  /** Where the rule is applied: parse (while reading the source) or check (computed from the report data). */
  stage: Stage;
  /** Short Chinese title. */
  title: string;
  /** What the rule checks and why, in Chinese. */
  description: string;
  /** Every message the rule gives, by message id. */
  messages: Record<Id, MessageMeta>;
}

/** Where a diagnostic points: the cells it is about, the source line and page. */
export interface Place {
  cells?: string[];
  line?: number | null;
  page?: number;
}

/** A diagnostic of rule `meta`, message `messageId`: rule, id, origin and severity from the metadata. */
export function createDiagnostic<Id extends string>(meta: RuleMeta<Id>, messageId: NoInfer<Id>, message: string, place: Place = {}): Diagnostic {
  return { rule: meta.id, messageId, origin: meta.messages[messageId].origin, severity: meta.severity, message, ...place };
}
