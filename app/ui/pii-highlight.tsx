// A text with the PII guard's findings marked (DESIGN §3.3), so the caseworker sees exactly what to
// remove. Each <mark> says what kind of finding it is to screen readers (and on hover), since the
// colour alone would not.
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { PiiSpan } from "../domain/cases/pii-check";

/** The text cut into plain and marked pieces; overlapping findings are marked once. */
export function markedPieces(text: string, spans: readonly Pick<PiiSpan, "start" | "end" | "kind">[]) {
  const pieces: { text: string; kind: PiiSpan["kind"] | null }[] = [];
  let cursor = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const start = Math.max(span.start, cursor);
    const end = Math.min(span.end, text.length);
    if (end <= start) continue;
    if (start > cursor) pieces.push({ text: text.slice(cursor, start), kind: null });
    pieces.push({ text: text.slice(start, end), kind: span.kind });
    cursor = end;
  }
  if (cursor < text.length) pieces.push({ text: text.slice(cursor), kind: null });
  return pieces;
}

export function PiiHighlight({ id, label, text, spans }: { id?: string; label: ReactNode; text: string; spans: readonly PiiSpan[] }) {
  const { t } = useTranslation("needEditor");
  if (!spans.length) return null;
  return (
    <div id={id} className="mt-2 rounded-md border border-amber-400 bg-amber-50 p-3 text-sm text-stone-900">
      <p className="font-medium">{label}</p>
      <p className="mt-1 whitespace-pre-line break-words">
        {markedPieces(text, spans).map((piece, i) =>
          piece.kind ? (
            <mark key={i} title={t(`pii.kind.${piece.kind}`)} className="rounded bg-amber-300 px-0.5 font-semibold text-stone-950 ring-2 ring-amber-600">
              <span className="sr-only">{t("pii.markStart", { kind: t(`pii.kind.${piece.kind}`) })}</span>
              {piece.text}
              <span className="sr-only">{t("pii.markEnd")}</span>
            </mark>
          ) : (
            <span key={i}>{piece.text}</span>
          ),
        )}
      </p>
    </div>
  );
}
