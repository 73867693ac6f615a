/**
 * The live progress line on stderr: executions explored, rate, elapsed time, and files done in a
 * batch. The core only emits progress events; this draws them. It draws only on a terminal, and
 * it is erased before any other output is written, so logs never contain it.
 */

/** Where progress is drawn: stderr, when it is a terminal. */
export interface ProgressSink {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(s: string): boolean;
}

export class ProgressLine {
  private readonly perFile = new Map<number, number>();
  private doneExecutions = 0;
  private filesDone = 0;
  private shown = false;
  private lastDraw = 0;
  private readonly start = performance.now();

  /** `enabled` false makes every method a no-op (non-TTY, --quiet, machine formats). */
  constructor(
    private readonly sink: ProgressSink,
    private readonly totalFiles: number,
    private readonly enabled: boolean,
  ) {}

  /** A worker reported `executions` so far on file `index`. */
  update(index: number, executions: number): void {
    if (!this.enabled) return;
    this.perFile.set(index, executions);
    this.draw(false);
  }

  /** File `index` finished after `executions`. */
  fileDone(index: number, executions: number): void {
    if (!this.enabled) return;
    this.perFile.delete(index);
    this.doneExecutions += executions;
    this.filesDone++;
    this.draw(false);
  }

  /** Erases the line (call before writing anything else to the terminal). */
  clear(): void {
    if (this.shown) {
      this.sink.write('\r\x1b[K');
      this.shown = false;
    }
  }

  private draw(force: boolean): void {
    const now = performance.now();
    // a redraw every 100 ms is smooth enough and keeps the terminal's work negligible
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    let executions = this.doneExecutions;
    for (const n of this.perFile.values()) executions += n;
    const seconds = (now - this.start) / 1000;
    const rate = seconds > 0 ? Math.round(executions / seconds) : 0;
    const parts = [`${executions.toLocaleString('en-US')} executions`, `${rate.toLocaleString('en-US')}/s`, `${seconds.toFixed(1)} s`];
    if (this.totalFiles > 1) parts.push(`files ${this.filesDone}/${this.totalFiles}`);
    let line = `exploring: ${parts.join(' · ')}`;
    const width = this.sink.columns || 80; // 0 when the terminal does not say
    if (line.length > width - 1) line = line.slice(0, width - 1);
    this.sink.write(`\r\x1b[K${line}`);
    this.shown = true;
  }
}
