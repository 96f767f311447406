// Outgoing email: nodemailer over SMTP_URL when it is set; otherwise each message is
// written to DATA_DIR/mail (an .eml and a .json summary) and listed for platform admins at /dev/mail,
// so sign-up, invitation and reset flows work on the embedded default.
import { randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import nodemailer from "nodemailer";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface StoredMail extends MailMessage {
  id: string;
  sentAt: string;
}

export interface Mailer {
  /** "smtp" sends for real; "files" keeps messages in DATA_DIR/mail. */
  readonly kind: "smtp" | "files";
  send(message: MailMessage): Promise<void>;
  /** Messages kept in DATA_DIR/mail, newest first (empty for SMTP). */
  list(): StoredMail[];
}

export function createMailer(options: { smtpUrl?: string; from: string; dataDir: string }): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      kind: "smtp",
      async send(message) {
        await transport.sendMail({ from: options.from, ...message });
      },
      list: () => [],
    };
  }
  const dir = join(options.dataDir, "mail");
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    kind: "files",
    async send(message) {
      const info = await transport.sendMail({ from: options.from, ...message });
      const id = `${Date.now()}-${randomUUID().slice(0, 8)}`;
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const raw: unknown = info.message;
      if (Buffer.isBuffer(raw)) writeFileSync(join(dir, `${id}.eml`), raw, { mode: 0o600 });
      const stored: StoredMail = { id, sentAt: new Date().toISOString(), ...message };
      writeFileSync(join(dir, `${id}.json`), JSON.stringify(stored), { mode: 0o600 });
    },
    list() {
      let names: string[];
      try {
        names = readdirSync(dir).filter((name) => name.endsWith(".json"));
      } catch {
        return [];
      }
      return names
        .sort()
        .reverse()
        .slice(0, 200)
        .map((name) => JSON.parse(readFileSync(join(dir, name), "utf8")) as StoredMail);
    },
  };
}
