import { text } from "node:stream/consumers";
import { Suspense, lazy } from "react";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DocumentStream } from "./document-stream.server";

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

function renderThrough(stream: DocumentStream): Promise<string> {
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

/** The chunks a page's stream emits, shell first, when part of the page arrives 50 ms later. */
function chunksOfStreamedPage(): Promise<string[]> {
  const Late = lazy(() => new Promise<{ default: () => JSX.Element }>((done) => setTimeout(() => done({ default: () => <p>后来的内容</p> }), 50)));
  return new Promise((resolve, reject) => {
    const stream = new DocumentStream();
    const chunks: string[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")));
    stream.on("end", () => resolve(chunks));
    const { pipe } = renderToPipeableStream(
      <div>
        <Page />
        <Suspense fallback={<p>稍候</p>}>
          <Late />
        </Suspense>
      </div>,
      { onShellReady: () => pipe(stream), onError: reject },
    );
  });
}

describe("streamed HTML", () => {
  it("has no NUL bytes and matches the string renderer", async () => {
    const html = await renderThrough(new DocumentStream());
    expect(html).not.toContain("\0");
    expect(html).toBe(renderToString(<Page />));
  });

  it("sends what React writes before each of its flushes as one chunk, and the shell before what comes later", async () => {
    const chunks = await chunksOfStreamedPage();
    expect(chunks).toHaveLength(2);
    expect(chunks[0]).toContain("第199户");
    expect(chunks[0]).toContain("稍候");
    expect(chunks[0]).not.toContain("后来的内容");
    expect(chunks[1]).toContain("后来的内容");
  });
});
