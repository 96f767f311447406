// npm run cli -- <command>  (also: npx xiangyun <command>): the process around the commands of
// cli/cli.ts, with this process's streams and environment; the exit code is theirs.
import { main } from "./cli";

// stdin is opened only by a command that reads it (create-user --password-stdin).
const stdin = { [Symbol.asyncIterator]: () => process.stdin[Symbol.asyncIterator]() };
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin, env: process.env });
