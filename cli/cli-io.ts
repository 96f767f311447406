// What a command line reads and writes: the process's streams and environment in cli/main.ts,
// strings collected in memory when a test runs a command in its own process.

/** Something text can be written to: process.stdout, or a test's collector. */
export interface TextSink {
  write(text: string): unknown;
}

export interface CliIo {
  stdout: TextSink;
  /** Messages for the operator, and the runtime's log lines (JSON). */
  stderr: TextSink;
  /** Read by `create-user --password-stdin`; empty when not given. */
  stdin?: AsyncIterable<Buffer | string>;
  env: Record<string, string | undefined>;
}

/** A command's output, one line at a time. */
export interface CommandOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

export function outputOf(io: Pick<CliIo, "stdout" | "stderr">): CommandOutput {
  return { out: (line) => void io.stdout.write(`${line}\n`), err: (line) => void io.stderr.write(`${line}\n`) };
}

/** All of stdin as text, without the one trailing newline a shell pipe adds. */
export async function readAll(stdin: CliIo["stdin"]): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin ?? []) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}
