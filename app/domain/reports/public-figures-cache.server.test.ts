import { describe, expect, it, vi } from "vitest";
import { createPublicFiguresCache } from "./public-figures-cache.server";

/** A cache on a clock the test moves, and a reading that counts its calls and answers when told. */
function setUp() {
  let clock = 1_000;
  const figures = createPublicFiguresCache({ maxAgeMs: 60_000, now: () => clock });
  let reads = 0;
  const pending: ((value: number) => void)[] = [];
  const read = () =>
    new Promise<number>((resolve) => {
      reads++;
      pending.push(resolve);
    });
  const answer = (value: number) => pending.shift()?.(value);
  return { figures, read, answer, reads: () => reads, advance: (ms: number) => void (clock += ms) };
}

describe("public figures", () => {
  it("reads once for visitors who come while a reading runs, and serves them all its answer", async () => {
    const { figures, read, answer, reads } = setUp();
    const visits = [figures.get("impact", read), figures.get("impact", read), figures.get("impact", read)];
    answer(7);
    const answers = await Promise.all(visits);
    expect(reads()).toBe(1);
    expect(answers.map((a) => a.value)).toEqual([7, 7, 7]);
  });

  it("keeps a reading for a minute, then answers it once more while a fresh one is read", async () => {
    const { figures, read, answer, reads, advance } = setUp();
    const first = figures.get("impact", read);
    answer(1);
    await first;
    advance(59_000);
    expect((await figures.get("impact", read)).value).toBe(1);
    expect(reads()).toBe(1);
    advance(2_000);
    expect((await figures.get("impact", read)).value).toBe(1);
    expect(reads()).toBe(2);
    answer(2);
    await vi.waitFor(async () => expect((await figures.get("impact", read)).value).toBe(2));
    expect(reads()).toBe(2);
  });

  it("makes a visitor wait for a fresh reading once the kept one is over two minutes old", async () => {
    const { figures, read, answer, advance } = setUp();
    const first = figures.get("impact", read);
    answer(1);
    await first;
    advance(121_000);
    const visit = figures.get("impact", read);
    answer(2);
    expect((await visit).value).toBe(2);
  });

  it("keeps the last good reading when a fresh one fails, and answers a first failure as an error", async () => {
    const { figures, read, answer, advance } = setUp();
    await expect(figures.get("broken", () => Promise.reject(new Error("database down")))).rejects.toThrow("database down");
    const first = figures.get("impact", read);
    answer(1);
    await first;
    advance(61_000);
    const failing = vi.fn(() => Promise.reject(new Error("database down")));
    expect((await figures.get("impact", failing)).value).toBe(1);
    await vi.waitFor(() => expect(failing).toHaveBeenCalled());
    // The failed reading kept the good one, not the failure, and it is not read again at once.
    expect((await figures.get("impact", read)).value).toBe(1);
    expect(failing).toHaveBeenCalledTimes(1);
  });

  it("keeps each key's reading apart", async () => {
    const { figures } = setUp();
    expect((await figures.get("a", async () => "A")).value).toBe("A");
    expect((await figures.get("b", async () => "B")).value).toBe("B");
    expect((await figures.get("a", async () => "other")).value).toBe("A");
  });
});
