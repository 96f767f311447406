// One check of what a request brings, before any loader or action sees it: its path and query, and
// a form body. Text must be what a person can type — UTF-8, with no NUL or other control character
// but TAB, CR and LF (PostgreSQL refuses NUL, and no form sends the others) —, `redirectTo` must name
// a page of this site wherever it appears, and a body must be a form of bounded size. What fails is
// refused whole (see refusal-page.server.ts), so nothing is counted against a limit or written.
import { isSafeRedirect } from "../app/domain/auth/safe-redirect";
import { MAX_UPLOAD_BYTES } from "../app/domain/household-sheets/sheet-forms";

export type InputProblem = "unreadable" | "off-site-redirect" | "not-a-form" | "too-large";

export const INPUT_PROBLEM_STATUS: Record<InputProblem, 400 | 413> = { unreadable: 400, "off-site-redirect": 400, "not-a-form": 400, "too-large": 413 };

/** The largest url-encoded form: every field of the longest form at its limit, many times over. */
const FORM_BYTES = 1024 * 1024;
/** Multipart bodies (uploads) get room above the upload limit, so the import form can say itself that a file is too large. */
const MULTIPART_BYTES = 2 * MAX_UPLOAD_BYTES;
/** How much of a refused body is read and dropped, so the browser gets to see the answer. */
const DISCARD_BYTES = 64 * 1024 * 1024;

// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const UNTYPEABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffd]/;
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Whether text is what a person can type: no control character but TAB, CR and LF, no U+FFFD (what unreadable bytes became). */
export function isTypeableText(text: string): boolean {
  return !UNTYPEABLE.test(text);
}

const isHexDigit = (byte: number | undefined) => byte !== undefined && ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66));

/** The text of url-encoded bytes (a path, a query string, a form body), or null when the decoded bytes are not UTF-8. */
function decodeUrlEncoded(raw: Uint8Array): string | null {
  const bytes = new Uint8Array(raw.length);
  let length = 0;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i] ?? 0;
    if (byte === 0x25 && isHexDigit(raw[i + 1]) && isHexDigit(raw[i + 2])) {
      bytes[length++] = Number.parseInt(String.fromCharCode(raw[i + 1] ?? 0, raw[i + 2] ?? 0), 16);
      i += 2;
    } else {
      bytes[length++] = byte === 0x2b ? 0x20 : byte;
    }
  }
  try {
    return utf8.decode(bytes.subarray(0, length));
  } catch {
    return null;
  }
}

/** The problem with url-encoded fields, or null: unreadable text, or a `redirectTo` that leaves the site. */
function urlEncodedProblem(raw: Uint8Array): InputProblem | null {
  const text = decodeUrlEncoded(raw);
  if (text === null || !isTypeableText(text)) return "unreadable";
  const fields = new URLSearchParams(Buffer.from(raw).toString("utf8"));
  return fields.getAll("redirectTo").every((to) => to === "" || isSafeRedirect(to)) ? null : "off-site-redirect";
}

/**
 * The problem with a request's path or query string, or null. `target` is the request target as
 * Node received it (`req.url`): its bytes, read as Latin-1.
 */
export function findUrlProblem(target: string): InputProblem | null {
  const queryAt = target.indexOf("?");
  const path = Buffer.from(queryAt < 0 ? target : target.slice(0, queryAt), "latin1");
  const pathText = decodeUrlEncoded(path);
  if (pathText === null || !isTypeableText(pathText)) return "unreadable";
  return queryAt < 0 ? null : urlEncodedProblem(Buffer.from(target.slice(queryAt + 1), "latin1"));
}

/** The body, or null when it is longer than `limit` (then read on and dropped, up to a point). */
async function readBody(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > DISCARD_BYTES) {
      await reader.cancel();
      return null;
    }
    if (size <= limit) chunks.push(value);
  }
  if (size > limit) return null;
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

async function multipartProblem(request: Request): Promise<InputProblem | null> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return "not-a-form";
  }
  for (const [name, value] of form) {
    const text = typeof value === "string" ? value : value.name;
    if (!isTypeableText(name) || !isTypeableText(text)) return "unreadable";
    if (name === "redirectTo" && typeof value === "string" && value !== "" && !isSafeRedirect(value)) return "off-site-redirect";
  }
  return null;
}

/**
 * Reads and checks a request's form body (methods other than GET and HEAD): the request to hand
 * on, its body now read into memory, or the problem to refuse it with.
 */
export async function checkFormBody(request: Request): Promise<{ request: Request } | { problem: InputProblem }> {
  if (request.method === "GET" || request.method === "HEAD") return { request };
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const isMultipart = type === "multipart/form-data";
  if (type !== "application/x-www-form-urlencoded" && !isMultipart) return { problem: "not-a-form" };
  const raw = request.body ? await readBody(request.body, isMultipart ? MULTIPART_BYTES : FORM_BYTES) : new Uint8Array();
  if (!raw) return { problem: "too-large" };
  const checked = new Request(request.url, { method: request.method, headers: request.headers, body: raw, signal: request.signal });
  const problem = isMultipart ? await multipartProblem(checked.clone()) : urlEncodedProblem(raw);
  return problem ? { problem } : { request: checked };
}
