// Configuration, validated once at start-up. A bad value stops the process with a message that
// names the variable and what is expected. `.env.example` documents every variable.
import { isIP } from "node:net";
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0"], { error: "must be true or false" })
  .transform((v) => v === "true" || v === "1");

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/.+/, "must be a PostgreSQL URL like postgres://user:pass@host:5432/db");

const PROXY_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);
const isProxyAddress = (item: string) => {
  if (PROXY_RANGES.has(item)) return true;
  const [address = "", prefix, ...rest] = item.split("/");
  const family = isIP(address);
  if (!family || rest.length) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
};

/**
 * Which peers may tell us the client's address in X-Forwarded-For (Express `trust proxy`). Unset,
 * nobody: the address is the socket's, so a client cannot pick its own and escape per-address limits.
 */
const trustProxy = z
  .string()
  .trim()
  .transform((value, ctx): false | number | string[] => {
    if (value === "false" || value === "0") return false;
    if (/^[1-9]$/.test(value)) return Number(value);
    const items = value.split(",").map((item) => item.trim());
    if (items.every(isProxyAddress)) return items;
    ctx.addIssue({ code: "custom", message: "must name the proxies in front: loopback, an address or subnet (10.0.0.0/8), a comma-separated list of those, or the number of proxies (1-9)" });
    return z.NEVER;
  });

const configSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"], { error: "must be development, production or test" }).default("production"),
    HOST: z.string().min(1).default("0.0.0.0"),
    PORT: z.coerce
      .number({ error: "must be a port number" })
      .int("must be a whole number")
      .min(0, "must be between 0 and 65535")
      .max(65535, "must be between 0 and 65535")
      .default(3000),
    DATA_DIR: z.string().min(1, "must not be empty").default("./data"),
    DATABASE_URL: postgresUrl.optional(),
    MEILI_URL: z.url({ error: "must be a URL like http://127.0.0.1:7700" }).optional(),
    MEILI_MASTER_KEY: z.string().min(16, "must be at least 16 characters").optional(),
    // Several sites (or test files) can share one Meilisearch: each names its indexes `PREFIX_needs`, `PREFIX_offers`.
    MEILI_INDEX_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, "must be letters, digits, _ or -").optional(),
    IDENTITY_KEY: z
      .string()
      .refine((v) => Buffer.from(v, "base64").length === 32 && /^[A-Za-z0-9+/]+=*$/.test(v), {
        error: "must be 32 random bytes in base64 (openssl rand -base64 32)",
      })
      .optional(),
    SEED_DEMO: bool.default(true),
    PUBLIC_URL: z.url({ error: "must be the site's address, like https://xiangyun.example.org" }).optional(),
    SMTP_URL: z.string().regex(/^smtps?:\/\/.+/, "must be an SMTP URL like smtps://user:pass@smtp.example.org:465").optional(),
    MAIL_FROM: z.string().min(3).default("Xiangyun <no-reply@xiangyun.invalid>"),
    TRUST_PROXY: trustProxy.default(false),
    // An open pledge with no money received expires this many days after it was made.
    PLEDGE_EXPIRY_DAYS: z.coerce.number({ error: "must be a number of days" }).int("must be a whole number of days").min(1, "must be between 1 and 365").max(365, "must be between 1 and 365").default(30),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { error: "must be one of fatal, error, warn, info, debug, trace, silent" }).default("info"),
  })
  .superRefine((env, ctx) => {
    if (env.MEILI_MASTER_KEY && !env.MEILI_URL) {
      ctx.addIssue({ code: "custom", path: ["MEILI_URL"], message: "must be set when MEILI_MASTER_KEY is set" });
    }
  });

export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Reads configuration from an environment; empty strings count as unset. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = configSchema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? "(environment)");
      const got = present[variable];
      const shown = variable.includes("KEY") || variable === "DATABASE_URL" || variable === "SMTP_URL" ? "" : got === undefined ? "" : ` (got ${JSON.stringify(got)})`;
      return { variable, message: `${issue.message}${shown}` };
    }),
  );
}

/** True when the app uses PGlite and/or its own Meilisearch, both of which live in DATA_DIR. */
export function usesDataDir(config: Config): boolean {
  return !config.DATABASE_URL || !config.MEILI_URL;
}
