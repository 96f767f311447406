// When the outbox is drained, not how (that is search-sync.server.ts). Three triggers share one
// drain at a time: `kick()` after a write in this process (next tick, so publish → searchable is not
// held up by polling), `flush()` when a caller must wait for the index (the CLI's import), and a
// poll as the safety net for rows written by other processes. Kicks arriving while a drain runs
// coalesce into one follow-up drain, because that drain may have claimed its rows before their
// transaction committed.

export interface DrainResult {
  processed: number;
  failed: number;
}

export interface OutboxWorker {
  /** Schedules a drain on the next tick; cheap and safe to call after every write. */
  kick(): void;
  /** Drains rows committed before this call; resolves when that drain has finished. */
  flush(): Promise<DrainResult>;
  /** Polls every `intervalMs` (skipped while a drain runs). */
  start(intervalMs: number): void;
  /** Stops polling and kicks, and waits for the drain in progress. */
  stop(): Promise<void>;
}

const IDLE: DrainResult = { processed: 0, failed: 0 };

export function createOutboxWorker(options: { drain: () => Promise<DrainResult>; onError: (error: unknown) => void }): OutboxWorker {
  let current: Promise<DrainResult> | null = null;
  let next: Promise<DrainResult> | null = null;
  let isKickScheduled = false;
  let isStopped = false;
  let timer: NodeJS.Timeout | undefined;

  const runNow = (): Promise<DrainResult> => {
    const run: Promise<DrainResult> = options.drain().finally(() => {
      if (current === run) current = null;
    });
    current = run;
    return run;
  };

  const flush = (): Promise<DrainResult> => {
    if (isStopped) return Promise.resolve(IDLE);
    if (!current) return runNow();
    // One follow-up drain serves every caller that arrives while the current one runs.
    next ??= current
      .catch(() => undefined)
      .then(() => {
        next = null;
        return isStopped ? IDLE : runNow();
      });
    return next;
  };

  const report = (run: Promise<DrainResult>) => {
    run.catch(options.onError);
  };

  return {
    kick() {
      if (isKickScheduled || isStopped) return;
      isKickScheduled = true;
      setImmediate(() => {
        isKickScheduled = false;
        report(flush());
      });
    },
    flush,
    start(intervalMs) {
      if (timer || isStopped) return;
      timer = setInterval(() => {
        // A drain in progress (or queued) will see these rows, and a slow Meilisearch must not
        // pile up work: the poll only fills idle time.
        if (!current && !next) report(flush());
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      isStopped = true;
      clearInterval(timer);
      await Promise.allSettled([current, next]);
    },
  };
}
