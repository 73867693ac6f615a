/**
 * The explorers of one parallel exploration: this thread's and the workers' (protocol.ts).
 *
 * This thread explores too, from the start. A worker costs its start, loading the checker and a
 * cold JIT, about 0.2 s, more than most litmus tests take to explore, so the workers are
 * started only once this thread has explored alone for `SOLO_MS`; an exploration that ends by
 * then starts none, and one that ends while they load does not wait for them. Once started, a
 * worker that says it is idle steals from this thread (`donate`, at once, between two of this
 * thread's work items) or from a busy worker (its steal flag); this thread, once idle, steals
 * from a busy worker in turn. When nobody has work left, the workers that explored send what
 * they collected, and this thread's collector absorbs it. How messages reach a busy thread is
 * crew.ts's part.
 */
import { Explorer, InPlaceUnsound } from '../../explore/driver.js';
import type { SubtreeTask } from '../../explore/subtree.js';
import { oracleFor } from '../../models/oracle.js';
import type { Program } from '../../program/ir.js';
import type { Collector } from '../../report/collect.js';
import { unpackPart } from './part.js';
import { Crew } from './crew.js';
import { Tally } from './tally.js';
import { LINE, SLOT, type ExploreJob, type FromExplorer, type WorkerStats } from './protocol.js';

/** How long this thread explores alone before it starts the workers. */
const SOLO_MS = 30;
/** Work items between two readings of the clock (for the solo phase, a deadline, progress). */
const CLOCK_EVERY = 64;
/** How often an idle explorer asks again when nobody had anything to give. */
const RETRY_MS = 1;
/** This thread's work items between two such retries while it explores. */
const RETRY_ITEMS = 64;
/** How long workers may take to load before it is taken for a failure (they take about 0.2 s). */
const READY_LIMIT_MS = 15_000;

/** This thread, as a thief: `askedBy` holds worker indices, or this. */
const SELF = -2;
const NOBODY = -1;

type WorkerState = 'loading' | 'idle' | 'waiting' | 'busy';

export interface TeamOptions {
  readonly workers: number;
  readonly interrupt: Int32Array;
  /** Executions so far, all explorers together: about every 100 ms. */
  readonly onProgress?: (executions: number) => void;
  /**
   * Development aids, for tests whose programs are small (ORDO_PARALLEL_START / _HANDOVER): start
   * the workers after this many work items instead of `SOLO_MS`, and wait for them to load.
   */
  readonly startAfter?: number;
  /** With `startAfter`: then give the workers every work item left (the explorer's `drain`). */
  readonly handOver?: boolean;
  readonly debug: (line: string) => void;
}

export type TeamResult = { readonly kind: 'explored'; readonly complete: boolean } | { readonly kind: 'unsound' };

export class Team {
  private readonly explorer: Explorer;
  private readonly crew: Crew;
  private readonly state: WorkerState[] = [];
  /** Per worker, who waits for the answer to the steal request raised on it. */
  private readonly askedBy: number[] = [];
  private readonly explored: boolean[] = [];
  private readonly stats: WorkerStats[] = [];
  /** This thread: idle, waiting for an answer, or busy (exploring, or about to). */
  private self: 'idle' | 'waiting' | 'busy' = 'busy';
  /** True only while this thread's explorer runs: `donate` is allowed then, between items. */
  private exploring = false;
  private task: SubtreeTask | 'root' | null = 'root';
  /** What a hand-over left, given out first. */
  private readonly queue: SubtreeTask[] = [];
  private started = false;
  private paused = false;
  private ended = false;
  private unsound = false;
  private failure: unknown = null;
  private complete = true;
  private parts = 0;
  private partsExpected = 0;
  private done = false;
  private starving = false;
  private retry: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;
  /** This thread's work items, counted between two readings of the clock or two retries. */
  private items = 0;
  private polls = 0;
  private lastProgress = 0;
  private readonly tally: Tally;
  private readonly own = { tasks: 0, donated: 0, busyMs: 0 };
  private stolen = 0;
  private refused = 0;

  constructor(
    program: Program,
    private readonly job: ExploreJob,
    private readonly collector: Collector,
    private readonly shared: Int32Array,
    private readonly o: TeamOptions,
  ) {
    this.crew = new Crew(
      shared,
      o.interrupt,
      (i, m) => {
        this.handle(i, m);
        this.nudge();
      },
      (e) => {
        this.failure = e;
        this.nudge();
      },
    );
    const soloUntil = performance.now() + SOLO_MS;
    this.tally = new Tally(shared, o.interrupt, job);
    this.explorer = new Explorer(program, oracleFor(job.model, 'fast', program), collector, {
      unroll: job.unroll,
      // every explorer must revisit the same reads in place: they share the decisions, and all
      // start over without it when one finds it unsound (coordinator.ts)
      ...(job.inPlace !== null ? { inPlaceDecisions: new Int32Array(job.inPlace) } : { inPlace: false }),
      shouldStop: () => this.unsound || this.tally.shouldStop(this.explorer.stats.executions),
      betweenItems: () => {
        if (!this.started) {
          if (o.startAfter !== undefined ? ++this.items >= o.startAfter : ++this.items % CLOCK_EVERY === 0 && performance.now() >= soloUntil) this.start();
          return;
        }
        // a plain read: nobody else writes this line often, and a post seen one item late costs nothing
        if (this.crew.mail) this.crew.pump();
        if (this.starving && ++this.polls % RETRY_ITEMS === 0) this.schedule();
        if (o.onProgress !== undefined && ++this.items % CLOCK_EVERY === 0) this.progress();
      },
      pause: () => this.paused,
    });
  }

  /** Explores until nobody has work left (or a limit); collects the workers' parts. */
  async run(): Promise<TeamResult> {
    const t0 = performance.now();
    const progress = this.o.onProgress ? setInterval(() => this.progress(), 100) : null;
    try {
      for (;;) {
        if (this.failure !== null) throw this.failure;
        if (this.unsound) return { kind: 'unsound' };
        if (this.done) return { kind: 'explored', complete: this.complete };
        if (this.task !== null) this.exploreTask(this.task);
        else await new Promise<void>((resolve) => (this.wake = resolve));
      }
    } finally {
      if (progress) clearInterval(progress);
      if (this.retry) clearTimeout(this.retry);
      this.report();
      this.crew.release((i) => this.explored[i]! && !this.unsound && this.failure === null);
      this.debugSummary(performance.now() - t0);
    }
  }

  private exploreTask(task: SubtreeTask | 'root'): void {
    this.task = null;
    this.self = 'busy';
    this.exploring = true;
    this.own.tasks++;
    const t0 = performance.now();
    try {
      const s = task === 'root' ? this.explorer.run() : this.explorer.runTask(task);
      if (!s.complete && !this.unsound) this.complete = false;
    } catch (e) {
      if (!(e instanceof InPlaceUnsound)) {
        this.failure = e;
        return;
      }
      this.abort('this thread');
      return;
    } finally {
      this.exploring = false;
      this.own.busyMs += performance.now() - t0;
    }
    this.report();
    this.self = 'idle';
    if (this.paused) {
      this.paused = false;
      this.queue.push(...this.explorer.drain());
    }
    if (!this.started) {
      // ended alone (or stopped by a limit) before any worker was needed
      this.done = true;
      return;
    }
    this.schedule();
  }

  /** Starts the workers; with `startAfter`, waits for them to load (and hands over, if asked). */
  private start(): void {
    this.started = true;
    for (let i = 0; i < this.o.workers; i++) {
      this.state.push('loading');
      this.askedBy.push(NOBODY);
      this.explored.push(false);
    }
    this.crew.start(this.o.workers, this.job);
    if (this.o.startAfter === undefined) return;
    // until every worker is loaded, or one found in-place revisiting unsound
    this.crew.awaitWhile(() => !this.ended && this.state.includes('loading'), READY_LIMIT_MS);
    this.paused = this.o.handOver === true;
  }

  private handle(i: number, m: FromExplorer): void {
    if (this.ended && m.type !== 'part') return;
    switch (m.type) {
      case 'idle':
        this.state[i] = 'idle';
        if (!m.complete) this.complete = false;
        // a request raised after this worker's last poll will never be answered
        if (this.askedBy[i] !== NOBODY) {
          Atomics.store(this.shared, SLOT.steal + LINE * i, 0);
          this.unwait(this.askedBy[i]!);
          this.askedBy[i] = NOBODY;
        }
        this.schedule();
        return;
      case 'donation': {
        const thief = this.askedBy[i]!;
        this.askedBy[i] = NOBODY;
        if (thief !== NOBODY) {
          if (m.task !== null) {
            this.stolen++;
            this.give(thief, m.task);
          } else {
            this.refused++;
            this.unwait(thief);
          }
        }
        this.schedule();
        return;
      }
      case 'part':
        if (!m.complete) this.complete = false;
        this.collector.absorb(unpackPart(m.part));
        this.stats[i] = m.stats;
        if (++this.parts === this.partsExpected) this.done = true;
        return;
      case 'unsound':
        this.abort(`worker ${i}`);
        return;
      default: {
        const never: never = m;
        this.failure = new Error(`internal error: unknown message ${JSON.stringify(never)}`);
      }
    }
  }

  private give(to: number, task: SubtreeTask): void {
    if (to === SELF) {
      this.task = task;
      this.self = 'busy';
      return;
    }
    this.state[to] = 'busy';
    this.explored[to] = true;
    this.crew.post(to, { type: 'task', task });
  }

  private unwait(thief: number): void {
    if (thief === SELF) this.self = 'idle';
    else if (thief !== NOBODY) this.state[thief] = 'idle';
  }

  /** Gives work to every idle explorer, or asks for it; ends when nobody has any. */
  private schedule(): void {
    if (this.ended) return;
    for (let i = 0; i < this.state.length && this.queue.length > 0; i++) if (this.state[i] === 'idle') this.give(i, this.queue.shift()!);
    if (this.self === 'idle' && this.queue.length > 0) this.give(SELF, this.queue.shift()!);
    if (this.self === 'idle' && !this.state.includes('busy') && this.askedBy.every((a) => a === NOBODY)) {
      this.end();
      return;
    }
    this.starving = false;
    for (let i = 0; i < this.state.length; i++) {
      if (this.state[i] !== 'idle') continue;
      // this thread first: it answers at once, between two of its own items
      if (this.exploring) {
        const task = this.explorer.donate();
        if (task !== null) {
          this.own.donated++;
          this.give(i, task);
          continue;
        }
      }
      if (!this.ask(i)) this.starving = true;
    }
    if (this.self === 'idle' && !this.ask(SELF)) this.starving = true;
    if (this.starving && !this.exploring && this.retry === null) {
      this.retry = setTimeout(() => {
        this.retry = null;
        this.schedule();
        this.nudge();
      }, RETRY_MS);
    }
  }

  /** Raises the steal flag of a busy worker not asked yet, for `thief`; false when there is none. */
  private turn = 0;
  private ask(thief: number): boolean {
    const n = this.state.length;
    for (let k = 0; k < n; k++) {
      const j = (this.turn + k) % n;
      if (j === thief || this.state[j] !== 'busy' || this.askedBy[j] !== NOBODY) continue;
      this.turn = j + 1;
      this.askedBy[j] = thief;
      if (thief === SELF) this.self = 'waiting';
      else this.state[thief] = 'waiting';
      Atomics.store(this.shared, SLOT.steal + LINE * j, 1);
      return true;
    }
    return false;
  }

  /** Nobody has work: the workers that explored send their parts; the others are not waited for. */
  private end(): void {
    this.ended = true;
    for (let i = 0; i < this.crew.size; i++) {
      if (this.explored[i]) {
        this.partsExpected++;
        this.crew.post(i, { type: 'collect' });
      } else this.crew.terminate(i);
    }
    if (this.partsExpected === 0) this.done = true;
  }

  /** In-place revisiting found unsound: every explorer stops, and the job starts over without it. */
  private abort(who: string): void {
    if (this.unsound) return;
    this.unsound = true;
    this.ended = true;
    this.o.debug(`in-place revisiting found unsound by ${who}: starting over`);
  }

  private nudge(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  /** Adds this thread's executions not counted yet to the shared count. */
  private report(): void {
    this.tally.flush(this.explorer.stats.executions);
  }

  private progress(): void {
    const now = performance.now();
    if (now - this.lastProgress < 100) return;
    this.lastProgress = now;
    this.o.onProgress?.(this.tally.total(this.explorer.stats.executions));
  }

  private debugSummary(ms: number): void {
    if (!this.started) {
      this.o.debug(`explored alone in ${Math.round(ms)} ms, ${this.explorer.stats.executions} executions, no worker needed`);
      return;
    }
    const worker = (i: number): string => {
      const s = this.stats[i];
      return s === undefined ? `\n  worker ${i}: no task` : `\n  worker ${i}: ${s.tasks} tasks, ${s.executions} executions, busy ${Math.round(s.busyMs)} ms, gave ${s.donated}, refused ${s.refused}`;
    };
    const self = `\n  this thread: ${this.own.tasks} tasks, ${this.explorer.stats.executions} executions, busy ${Math.round(this.own.busyMs)} ms, gave ${this.own.donated}`;
    this.o.debug(`${this.stolen} tasks stolen from workers, ${this.refused} requests refused${self}${this.state.map((_, i) => worker(i)).join('')}`);
  }
}
