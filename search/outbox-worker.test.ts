// When the worker drains: kicks coalesce, a flush during a drain gets a drain of its own, and a
// failing drain is reported without stopping the worker. The drain is a stand-in here; what a
// drain does is tested against the real database and Meilisearch in the *.db.test.ts files.
import { afterEach, describe, expect, it } from "vitest";
import type { DrainResult, OutboxWorker } from "./outbox-worker";
import { createOutboxWorker } from "./outbox-worker";

const tick = () => new Promise((resolve) => setImmediate(resolve));

function controlledDrain() {
  const releases: (() => void)[] = [];
  let started = 0;
  const drain = () => {
    started++;
    return new Promise<DrainResult>((resolve) => releases.push(() => resolve({ processed: 1, failed: 0 })));
  };
  const releaseNext = async () => {
    releases.shift()?.();
    await tick();
    await tick();
  };
  return { drain, releaseNext, started: () => started };
}

let worker: OutboxWorker | undefined;
// Not awaited: a stand-in drain left unreleased would never let stop() resolve.
afterEach(() => {
  void worker?.stop();
});

describe("outbox worker", () => {
  it("drains on the next tick after a kick, once for a burst of kicks", async () => {
    const control = controlledDrain();
    worker = createOutboxWorker({ drain: control.drain, onError: () => undefined });
    for (let i = 0; i < 5; i++) worker.kick();
    expect(control.started()).toBe(0);
    await tick();
    expect(control.started()).toBe(1);
    await control.releaseNext();
    expect(control.started()).toBe(1);
  });

  it("runs one more drain after the current one for kicks that arrive while it runs", async () => {
    const control = controlledDrain();
    worker = createOutboxWorker({ drain: control.drain, onError: () => undefined });
    worker.kick();
    await tick();
    // Committed after the running drain claimed its rows: that drain cannot see them.
    worker.kick();
    await tick();
    worker.kick();
    await tick();
    expect(control.started()).toBe(1);
    await control.releaseNext();
    expect(control.started()).toBe(2);
    await control.releaseNext();
    expect(control.started()).toBe(2);
  });

  it("resolves a flush only after a drain that started after the call", async () => {
    const control = controlledDrain();
    worker = createOutboxWorker({ drain: control.drain, onError: () => undefined });
    const first = worker.flush();
    let isSecondDone = false;
    const second = worker.flush().then((result) => {
      isSecondDone = true;
      return result;
    });
    await control.releaseNext();
    await first;
    expect(isSecondDone).toBe(false);
    await control.releaseNext();
    await expect(second).resolves.toEqual({ processed: 1, failed: 0 });
  });

  it("reports a failing drain and keeps draining on later kicks", async () => {
    const errors: unknown[] = [];
    let calls = 0;
    worker = createOutboxWorker({
      drain: async () => {
        calls++;
        if (calls === 1) throw new Error("database gone");
        return { processed: 0, failed: 0 };
      },
      onError: (error) => errors.push(error),
    });
    worker.kick();
    await tick();
    await tick();
    expect(errors).toHaveLength(1);
    worker.kick();
    await tick();
    await tick();
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it("polls while idle and not while a drain runs", async () => {
    const control = controlledDrain();
    worker = createOutboxWorker({ drain: control.drain, onError: () => undefined });
    worker.start(5);
    await new Promise((resolve) => setTimeout(resolve, 40));
    // The first poll's drain is still running: later polls must not queue behind it.
    expect(control.started()).toBe(1);
    await control.releaseNext();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(control.started()).toBe(2);
  });

  it("drains nothing after stop", async () => {
    const control = controlledDrain();
    worker = createOutboxWorker({ drain: control.drain, onError: () => undefined });
    await worker.stop();
    worker.kick();
    await tick();
    await expect(worker.flush()).resolves.toEqual({ processed: 0, failed: 0 });
    expect(control.started()).toBe(0);
  });
});
