import { describe, expect, it } from "vitest";
import { markedPieces } from "./pii-highlight";

describe("markedPieces", () => {
  it("cuts a text into plain and marked pieces that join back into it", () => {
    const text = "请拨打19900001234或联系测试甲1。";
    const pieces = markedPieces(text, [
      { kind: "own-name", start: 17, end: 21 },
      { kind: "mobile", start: 3, end: 14 },
    ]);
    expect(pieces.map((p) => p.text).join("")).toBe(text);
    expect(pieces.filter((p) => p.kind).map((p) => [p.kind, p.text])).toEqual([
      ["mobile", "19900001234"],
      ["own-name", "测试甲1"],
    ]);
  });

  it("marks overlapping findings once and ignores spans past the end", () => {
    const pieces = markedPieces("0123456789", [
      { kind: "resident-id", start: 0, end: 6 },
      { kind: "own-id", start: 4, end: 8 },
      { kind: "mobile", start: 12, end: 15 },
    ]);
    expect(pieces).toEqual([
      { text: "012345", kind: "resident-id" },
      { text: "67", kind: "own-id" },
      { text: "89", kind: null },
    ]);
  });
});
