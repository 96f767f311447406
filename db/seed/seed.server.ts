import { count } from "drizzle-orm";
import { parseImportDocument } from "../../app/domain/import/import-document";
import { importDocument } from "../../app/domain/import/import-document.server";
import type { IdentityCipher } from "../../app/domain/privacy/identity-cipher.server";
import type { Database } from "../client.server";
import { organisations } from "../schema/organisations";
import { seedDemoAccounts } from "./demo-accounts.server";
import { seedDemoLedger } from "./demo-ledger.server";
import { seedDemoMatches } from "./demo-matches.server";
import { buildDemoDocument } from "./demo-document";

export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(organisations);
  return (row?.n ?? 0) === 0;
}

/** Loads the deterministic demo data set through the importer; re-running it changes nothing. */
export async function seedDemo(options: { db: Database; cipher: IdentityCipher }) {
  const parsed = parseImportDocument(buildDemoDocument());
  if (!parsed.ok) throw new Error(`the demo data set is invalid: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`);
  const imported = await importDocument({ ...options, document: parsed.document });
  if (!imported.ok) throw new Error(`the demo data set did not import: ${imported.problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`);
  const { result } = imported;
  const accounts = await seedDemoAccounts(options);
  // After the accounts: the demo matches are made by the demo caseworker and training school.
  const matches = await seedDemoMatches(options.db);
  // Kept by the demo finance officers, for needs still public once the matches have moved theirs.
  const ledger = await seedDemoLedger(options.db);
  return {
    accounts,
    organisations: Object.keys(result.organisations).length,
    cases: Object.keys(result.cases).length,
    needs: Object.keys(result.needs).length,
    offers: Object.keys(result.offers).length,
    matches,
    ledger,
  };
}
