// A one-line progress display on stderr, only when stderr is a terminal: files done of the
// total, reports per second, errors so far, time left. Results written through `print` clear the
// line first and redraw it after, so results and progress never overwrite each other. Without
// the line (output to a file or a pipe) and when asked (`gather`), results for stdout are gathered
// and written in chunks of 64 KB or every 100 ms, not one write per file; anything for stderr
// first writes out what was gathered, so the two streams keep their order.

const REDRAW_MS = 100;
/** Bytes of results gathered before they are written (when there is no progress line). */
const CHUNK = 64 * 1024;

export class Progress {
  readonly #total: number;
  readonly #label: string;
  readonly #enabled: boolean;
  readonly #start = Date.now();
  #done = 0;
  #errors = 0;
  #shown = false;
  #last = 0;
  readonly #gather: boolean;
  #held: string[] = [];
  #heldLength = 0;
  #heldSince = 0;

  constructor(total: number, label: string, options: { enabled?: boolean; gather?: boolean } = {}) {
    this.#total = total;
    this.#label = label;
    this.#enabled = options.enabled ?? (process.stderr.isTTY === true && total > 1);
    this.#gather = options.gather === true && !this.#enabled;
  }

  /** Count finished files (and failed ones among them). */
  tick(done = 1, errors = 0): void {
    this.#done += done;
    this.#errors += errors;
    if (Date.now() - this.#last >= REDRAW_MS || this.#done === this.#total) this.#draw();
  }

  /** Write a result (to stdout by default) without breaking the progress line. */
  print(text: string, stream: NodeJS.WriteStream = process.stdout): void {
    if (this.#gather && stream === process.stdout) {
      if (!this.#held.length) this.#heldSince = Date.now();
      this.#held.push(text);
      this.#heldLength += text.length;
      if (this.#heldLength >= CHUNK || Date.now() - this.#heldSince >= REDRAW_MS) this.#flush();
      return;
    }
    this.#flush();
    this.#clear();
    stream.write(text);
    if (this.#enabled && this.#done < this.#total) this.#draw();
  }

  /** Remove the line for good (and write out the results gathered). */
  stop(): void {
    this.#flush();
    this.#clear();
  }

  #flush(): void {
    if (!this.#held.length) return;
    process.stdout.write(this.#held.join(''));
    this.#held = [];
    this.#heldLength = 0;
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
