// A one-line progress display on stderr, only when stderr is a terminal: files done of the
// total, reports per second, errors so far, time left. Results written through `print` clear the
// line first and redraw it after, so results and progress never overwrite each other.

const REDRAW_MS = 100;

export class Progress {
  readonly #total: number;
  readonly #label: string;
  readonly #enabled: boolean;
  readonly #start = Date.now();
  #done = 0;
  #errors = 0;
  #shown = false;
  #last = 0;

  constructor(total: number, label: string, options: { enabled?: boolean } = {}) {
    this.#total = total;
    this.#label = label;
    this.#enabled = options.enabled ?? (process.stderr.isTTY === true && total > 1);
  }

  /** Count finished files (and failed ones among them). */
  tick(done = 1, errors = 0): void {
    this.#done += done;
    this.#errors += errors;
    if (Date.now() - this.#last >= REDRAW_MS || this.#done === this.#total) this.#draw();
  }

  /** Write a result (to stdout by default) without breaking the progress line. */
  print(text: string, stream: NodeJS.WriteStream = process.stdout): void {
    this.#clear();
    stream.write(text);
    if (this.#enabled && this.#done < this.#total) this.#draw();
  }

  /** Remove the line for good. */
  stop(): void {
    this.#clear();
  }

  #line(): string {
    const secs = (Date.now() - this.#start) / 1000;
    const rate = secs > 0 ? this.#done / secs : 0;
    const left = rate > 0 ? Math.round((this.#total - this.#done) / rate) : null;
    const width = 24;
    const filled = this.#total ? Math.round((this.#done / this.#total) * width) : 0;
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    const eta = left === null ? '' : ` · 约剩 ${left >= 60 ? `${Math.floor(left / 60)}分${left % 60}秒` : `${left}秒`}`;
    return `  ${bar} ${this.#label} ${this.#done}/${this.#total} · ${rate.toFixed(1)} 份/秒 · 失败 ${this.#errors}${eta}`;
  }

  #draw(): void {
    if (!this.#enabled) return;
    this.#last = Date.now();
    process.stderr.write(`\r\x1b[2K${this.#line()}`);
    this.#shown = true;
  }

  #clear(): void {
    if (!this.#shown) return;
    process.stderr.write('\r\x1b[2K');
    this.#shown = false;
  }
}
