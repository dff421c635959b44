/**
 * The heal benchmark's own timeline on stdout: one line per step and event, stamped with the
 * seconds since the bench started (`[+123.4s] …`); lines of `alm simulate` are passed through
 * with a prefix. Also keeps every line, so the end of the report can repeat nothing twice.
 */
export class BenchTimeline {
  private readonly startedAt = Date.now();

  /** Seconds since the bench started. */
  elapsed(at = Date.now()): number {
    return (at - this.startedAt) / 1000;
  }

  say(line: string): void {
    process.stdout.write(`[+${this.elapsed().toFixed(1).padStart(6)}s] ${line}\n`);
  }

  /** A line another process printed, passed through under `prefix`. */
  relay(prefix: string, line: string): void {
    process.stdout.write(`[+${this.elapsed().toFixed(1).padStart(6)}s] ${prefix} ${line}\n`);
  }
}
