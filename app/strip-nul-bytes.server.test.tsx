import { text } from "node:stream/consumers";
import { Suspense } from "react";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { createNulStrippingStream } from "./strip-nul-bytes.server";

function Page() {
  // Enough Chinese for several 2 kB chunks, with ASCII to shift where characters fall.
  const items = Array.from({ length: 200 }, (_, i) => `第${i}户：家中老人患病，需要医疗救助 ${"x".repeat(i % 3)}`);
  return (
    <Suspense fallback={null}>
      <ul>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </Suspense>
  );
}

function renderThrough(stream: NodeJS.ReadWriteStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const { pipe } = renderToPipeableStream(<Page />, {
      onAllReady() {
        pipe(stream);
        text(stream).then(resolve, reject);
      },
      onError: reject,
    });
  });
}

describe("streamed HTML", () => {
  it("has no NUL bytes and matches the string renderer", async () => {
    const html = await renderThrough(createNulStrippingStream());
    expect(html).not.toContain("\0");
    expect(html).toBe(renderToString(<Page />));
  });
});
