import { randomBytes } from "node:crypto";
import { createIdentityCipher } from "../app/domain/privacy/identity-cipher.server";

/** A cipher with a throwaway key, as a test file's installation would have. */
export function createTestCipher() {
  return createIdentityCipher(randomBytes(32));
}
