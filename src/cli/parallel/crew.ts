/**
 * The worker threads of a parallel exploration and the way to them (protocol.ts): starting
 * them, posting to them, taking their messages either as events (while the checking thread is
 * idle) or by reading their ports (while it explores: `receiveMessageOnPort`, only when the
 * shared count of their posts has moved), and letting them go at the end.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { SLOT, type ExploreJob, type ExplorerWorkerData, type FromExplorer, type ToExplorer } from './protocol.js';

export class Crew {
  private readonly workers: Worker[] = [];
  private readonly ports: MessagePort[] = [];
  /** Messages taken from the ports, against the workers' count in `SLOT.mail`. */
  private received = 0;

  constructor(
    private readonly shared: Int32Array,
    private readonly interrupt: Int32Array,
    /** Each message of worker `i`, however it was taken. */
    private readonly onMessage: (i: number, m: FromExplorer) => void,
    /** A worker failed (an exception it did not catch); reported as an event only. */
    private readonly onError: (e: unknown) => void,
  ) {}

  get size(): number {
    return this.workers.length;
  }

  /** Starts `n` workers on `job`; each says it is idle once it has loaded. */
  start(n: number, job: ExploreJob): void {
    for (let index = 0; index < n; index++) {
      const { port1, port2 } = new MessageChannel();
      const data: ExplorerWorkerData = { index, shared: this.shared.buffer as SharedArrayBuffer, port: port2, interrupt: this.interrupt.buffer as SharedArrayBuffer };
      const w = new Worker(new URL('./explorer-worker.js', import.meta.url), { workerData: data, transferList: [port2] });
      w.postMessage({ type: 'job', job } satisfies ToExplorer);
      w.on('error', (e) => this.onError(e));
      port1.on('message', (m: FromExplorer) => {
        this.received++;
        this.onMessage(index, m);
      });
      this.workers.push(w);
      this.ports.push(port1);
    }
  }

  /** True when a worker posted something not taken yet (a plain read: cheap between work items). */
  get mail(): boolean {
    return this.shared[SLOT.mail] !== this.received;
  }

  /** Takes every message waiting on the ports. */
  pump(): void {
    for (let i = 0; i < this.ports.length; i++) {
      for (let m = receiveMessageOnPort(this.ports[i]!); m !== undefined; m = receiveMessageOnPort(this.ports[i]!)) {
        this.received++;
        this.onMessage(i, m.message as FromExplorer);
      }
    }
  }

  /** Takes messages until `waiting` turns false or Ctrl-C; throws after `limitMs`. */
  awaitWhile(waiting: () => boolean, limitMs: number): void {
    const limit = Date.now() + limitMs;
    while (waiting() && this.interrupt[0] !== 1) {
      if (Date.now() > limit) throw new Error(`internal error: the exploring workers did not start within ${limitMs / 1000} s`);
      Atomics.wait(this.shared, SLOT.mail, this.received, 5);
      this.pump();
    }
  }

  post(i: number, m: ToExplorer): void {
    this.workers[i]!.postMessage(m);
  }

  terminate(i: number): void {
    void this.workers[i]!.terminate();
  }

  /**
   * Lets every worker go: those `clean` are told to exit, the others terminated. Nothing waits
   * for them (tearing down a heap takes a while), but none may stay behind: the pool's thread
   * checks other files after this one.
   */
  release(clean: (i: number) => boolean): void {
    for (const p of this.ports) p.close();
    for (let i = 0; i < this.workers.length; i++) {
      if (clean(i)) this.post(i, { type: 'exit' });
      else this.terminate(i);
      this.workers[i]!.unref();
    }
  }
}
