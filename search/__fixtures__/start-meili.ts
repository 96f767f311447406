// Test fixture: a Node process that starts Meilisearch, prints {"pid","url"} as one JSON line and
// then idles, so a test can SIGKILL this process and watch what happens to Meilisearch.
import { startMeilisearch } from "../meili-process.server";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: start-meili.ts DATA_DIR");
const meili = await startMeilisearch({ dataDir });
process.stdout.write(`${JSON.stringify({ pid: meili.pid, url: meili.url })}\n`);
setInterval(() => {}, 60_000);
