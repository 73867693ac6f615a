/**
 * One explorer's part in the limits of a parallel run (protocol.ts), the checking thread's
 * (team.ts) and each worker's alike: its executions added to the shared count in batches, the
 * stop flag raised at `--max-executions` or the deadline, and whether to stop.
 */
import { SLOT, type ExploreJob } from './protocol.js';

/**
 * Executions an explorer may count before adding them to the shared count: the shared count is
 * a cache line every explorer writes, and writing it at every execution makes them wait for
 * each other. With --max-executions nothing is batched, so the limit is exact per explorer.
 */
const BATCH = 4096;
/** Polls between two readings of the clock for a deadline. */
const CLOCK_EVERY = 64;

export class Tally {
  /** Executions counted here and not yet added to the shared count. */
  private unreported = 0;
  /** The explorer's executions already in `unreported`. */
  private counted = 0;
  private polls = 0;
  private readonly batch: number;

  constructor(
    private readonly shared: Int32Array,
    private readonly interrupt: Int32Array,
    private readonly job: ExploreJob,
  ) {
    this.batch = job.maxExecutions !== undefined ? 1 : BATCH;
  }

  /** Counts a new explorer from here on (its executions start at 0). */
  follow(): void {
    this.counted = 0;
  }

  /** The explorer's `shouldStop`, given its executions so far. */
  shouldStop(executions: number): boolean {
    this.count(executions);
    if (this.unreported >= this.batch) {
      const total = this.flush(executions);
      if (this.job.maxExecutions !== undefined && total >= this.job.maxExecutions) Atomics.store(this.shared, SLOT.stop, 1);
    }
    if (this.job.deadline !== undefined && ++this.polls % CLOCK_EVERY === 0 && Date.now() >= this.job.deadline) Atomics.store(this.shared, SLOT.stop, 1);
    // plain reads: nobody writes these lines while the explorers explore
    return this.shared[SLOT.stop] === 1 || this.interrupt[0] === 1;
  }

  /** Adds what is not in the shared count yet; returns the shared total. */
  flush(executions: number): number {
    this.count(executions);
    const total = Atomics.add(this.shared, SLOT.executions, this.unreported) + this.unreported;
    this.unreported = 0;
    return total;
  }

  /** The shared total with what this explorer has not added yet (for progress). */
  total(executions: number): number {
    return Atomics.load(this.shared, SLOT.executions) + this.unreported + executions - this.counted;
  }

  private count(executions: number): void {
    this.unreported += executions - this.counted;
    this.counted = executions;
  }
}
