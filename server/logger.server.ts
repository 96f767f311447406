import pino from "pino";
import type { Logger } from "pino";

export type { Logger };

/**
 * Structured JSON logs. Request bodies are never logged and credentials are redacted; identities
 * never reach a log because no code path hands one to the logger (DESIGN §3).
 */
export function createLogger(options: { level: string; destination?: 1 | 2 }): Logger {
  return pino(
    {
      level: options.level,
      base: { app: "xiangyun" },
      redact: { paths: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]'], remove: true },
    },
    pino.destination({ fd: options.destination ?? 1, sync: false }),
  );
}
