// Progress of a long run on stderr — count, rate, time left — only when stderr is a terminal
// (a pipe, a file or a CI log gets nothing). One line, rewritten in place, at most 5 times a second.

export class Progress {
  private done = 0;
  private readonly started = Date.now();
  private lastDrawn = 0;

  constructor(
    private readonly total: number,
    private readonly label: string,
    private readonly enabled: boolean,
    private readonly write: (text: string) => void = (t) => process.stderr.write(t),
  ) {}

  tick(n = 1): void {
    this.done += n;
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDrawn < 200 && this.done < this.total) return;
    this.lastDrawn = now;
    this.write(`\r${this.line(now)}\x1b[K`);
  }

  /** "report 1,200/10,000 · 830 charts/s · 11 s left". */
  line(now = Date.now()): string {
    const seconds = Math.max(0.001, (now - this.started) / 1000);
    const rate = this.done / seconds;
    const left = rate > 0 ? Math.ceil((this.total - this.done) / rate) : null;
    return `${this.label} ${this.done.toLocaleString('en-US')}/${this.total.toLocaleString('en-US')} · ${Math.round(rate).toLocaleString('en-US')} charts/s${left !== null && this.done < this.total ? ` · ${left} s left` : ''}`;
  }

  finish(): void {
    if (this.enabled) this.write(`\r${this.line()}\x1b[K\n`);
  }
}
