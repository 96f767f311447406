import pino from "pino";
import type { DestinationStream, Logger } from "pino";

export type { Logger };

/** What a log line says about an error. */
export interface LoggedError {
  type: string;
  code?: string;
  /** The table, column or constraint a database error names: schema, never a value. */
  table?: string;
  column?: string;
  constraint?: string;
  frames?: string[];
  cause?: LoggedError;
}

const FRAMES = 12;
const text = (value: unknown) => (typeof value === "string" || typeof value === "number" ? String(value) : undefined);

/**
 * An error as a log may carry it: its class, its codes (SQLSTATE, errno) and where it was thrown,
 * never its message or detail. A failed query's message lists the query's parameters (an email, a
 * password hash, an applicant's story) and a database error's detail quotes the offending value.
 */
export function describeError(error: unknown, depth = 0): LoggedError {
  if (!(error instanceof Error)) return { type: error === null ? "null" : typeof error };
  // node-postgres and PGlite name their DatabaseError "error" (PGlite's class name is minified).
  const described: LoggedError = { type: error.name === "error" ? "DatabaseError" : error.name === "Error" ? error.constructor.name : error.name };
  const fields: Record<string, unknown> = { ...error };
  const code = text(fields.code);
  if (code) described.code = code;
  for (const key of ["table", "column", "constraint"] as const) {
    const value = text(fields[key]);
    if (value) described[key] = value;
  }
  const frames = (error.stack ?? "")
    .split("\n")
    .filter((line) => line.startsWith("    at "))
    .slice(0, FRAMES)
    .map((line) => line.trim());
  if (frames.length) described.frames = frames;
  if (error.cause !== undefined && depth < 3) described.cause = describeError(error.cause, depth + 1);
  return described;
}

/** Serialisers every logger uses: errors through `describeError`, whatever key they are logged under. */
export const logSerializers = { err: describeError, error: describeError };

/**
 * Structured JSON logs. Request bodies and query strings are never logged, errors are reduced to
 * their codes, and credentials are redacted; identities never reach a log (DESIGN §3).
 */
export function createLogger(options: { level: string; destination?: 1 | 2 | DestinationStream }): Logger {
  const destination = options.destination ?? 1;
  return pino(
    {
      level: options.level,
      base: { app: "xiangyun" },
      serializers: logSerializers,
      hooks: {
        // pino makes an error's message the line's message when none is given: give one instead.
        logMethod(args, method) {
          const [first, ...rest] = args;
          if (first instanceof Error) return method.apply(this, [{ err: first }, ...(rest.length ? rest : ["error"])]);
          if (first && typeof first === "object" && "err" in first && !rest.length) return method.apply(this, [first, "error"]);
          return method.apply(this, args);
        },
      },
      redact: { paths: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]'], remove: true },
    },
    typeof destination === "number" ? pino.destination({ fd: destination, sync: false }) : destination,
  );
}
