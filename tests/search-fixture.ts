// A real Meilisearch in a temp dir with the project's index settings, for search tests.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSearchClient } from "../search/client.server";
import { ensureIndexes } from "../search/ensure-indexes.server";
import { startMeilisearch } from "../search/meili-process.server";

export async function startTestSearch() {
  const meili = await startMeilisearch({ dataDir: mkdtempSync(join(tmpdir(), "xiangyun-meili-test-")) });
  const client = createSearchClient({ url: meili.url, apiKey: meili.masterKey });
  await ensureIndexes(client);
  return { meili, client };
}
