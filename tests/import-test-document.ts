// A test file's world from an import document (fakeDocument's, say), through the importer itself;
// a document the importer refuses fails the setup with the problems it names.
import type { ImportDocumentInput } from "../app/domain/import/import-document";
import { parseImportDocument } from "../app/domain/import/import-document";
import { importDocument } from "../app/domain/import/import-document.server";
import type { IdentityCipher } from "../app/domain/privacy/identity-cipher.server";
import type { Database } from "../db/client.server";

export async function importTestDocument(db: Database, cipher: IdentityCipher, document: ImportDocumentInput): Promise<void> {
  const parsed = parseImportDocument(document);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const imported = await importDocument({ db, cipher, document: parsed.document });
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
}
