// The summary at the end of a batch (check or import): files read, skipped, failed, reports by
// state, and the ten most frequent rules.

import type { Diagnostic } from '../interchange/types.ts';
import { rule } from '../check/index.ts';

export class BatchSummary {
  files = 0;
  reports = 0;
  skipped = 0;
  failed = 0;
  duplicates = 0;
  withErrors = 0;
  withWarnings = 0;
  clean = 0;
  /** Reports whose agency or year a person must decide (import). */
  undecided = 0;
  readonly rules = new Map<string, number>();

  addReport(diagnostics: readonly Pick<Diagnostic, 'rule' | 'severity'>[]): void {
    this.reports++;
    if (diagnostics.some((d) => d.severity === 'error')) this.withErrors++;
    else if (diagnostics.some((d) => d.severity === 'warning')) this.withWarnings++;
    else this.clean++;
    for (const r of new Set(diagnostics.map((d) => d.rule))) this.rules.set(r, (this.rules.get(r) ?? 0) + 1);
  }

  text(): string {
    const lines = [`汇总：共 ${this.files} 个文件，读取 ${this.reports} 份报告，跳过 ${this.skipped} 个，无法读取 ${this.failed} 个${this.duplicates ? `，已导入过 ${this.duplicates} 个` : ''}`];
    if (this.reports) {
      lines.push(`  报告：有错误 ${this.withErrors} 份，仅有警告 ${this.withWarnings} 份，无错误和警告 ${this.clean} 份${this.undecided ? `；机关或年度待人工确认 ${this.undecided} 份` : ''}`);
    }
    const top = [...this.rules].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 10);
    if (top.length) {
      lines.push('  最常见的问题（涉及的报告数）：');
      for (const [id, n] of top) lines.push(`    ${String(n).padStart(6)}  ${id}  ${rule(id)?.meta.title ?? ''}`);
    }
    return lines.join('\n') + '\n';
  }

  json() {
    return {
      files: this.files,
      reports: this.reports,
      skipped: this.skipped,
      failed: this.failed,
      duplicates: this.duplicates,
      with_errors: this.withErrors,
      with_warnings: this.withWarnings,
      clean: this.clean,
      undecided: this.undecided,
      top_rules: [...this.rules].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 10).map(([id, reports]) => ({ rule: id, reports })),
    };
  }
}
