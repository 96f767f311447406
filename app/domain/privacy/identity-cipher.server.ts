// Identity fields are encrypted with AES-256-GCM (DESIGN §3). One master key is split with HKDF
// into an encryption key and an HMAC key, so the uniqueness hash never reuses the cipher key.
// Each ciphertext is bound to its field (as associated data): swapping columns fails to decrypt.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto";
import { normaliseResidentId } from "../cases/resident-id";

const FORMAT_V1 = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The four identity fields of a case head, and the TOTP secret of an account (a secret, kept the same way). */
export type IdentityField = "name" | "idNumber" | "phone" | "address" | "totpSecret";

export interface IdentityCipher {
  encrypt(field: IdentityField, plaintext: string): Buffer;
  decrypt(field: IdentityField, ciphertext: Buffer): string;
  /** Keyed hash of a resident ID, for the platform-wide uniqueness check. */
  hashResidentId(idNumber: string): Buffer;
  /** Keyed hash of a phone number's digits, to look an application up by number and phone. */
  hashPhone(phone: string): Buffer;
}

/** Creates the cipher from a 32-byte master key. */
export function createIdentityCipher(masterKey: Buffer): IdentityCipher {
  if (masterKey.length !== 32) throw new RangeError("identity key must be 32 bytes");
  const derive = (info: string) => Buffer.from(hkdfSync("sha256", masterKey, Buffer.alloc(0), info, 32));
  const encKey = derive("xiangyun identity encryption v1");
  const macKey = derive("xiangyun resident-id hmac v1");

  return {
    encrypt(field, plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", encKey, iv);
      cipher.setAAD(Buffer.from(field));
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return Buffer.concat([Buffer.from([FORMAT_V1]), iv, cipher.getAuthTag(), body]);
    },
    decrypt(field, ciphertext) {
      if (ciphertext[0] !== FORMAT_V1) throw new Error("unknown identity ciphertext format");
      const iv = ciphertext.subarray(1, 1 + IV_BYTES);
      const tag = ciphertext.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv("aes-256-gcm", encKey, iv);
      decipher.setAAD(Buffer.from(field));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
    },
    hashResidentId(idNumber) {
      return createHmac("sha256", macKey).update(normaliseResidentId(idNumber)).digest();
    },
    hashPhone(phone) {
      // A prefix keeps a phone's hash from ever equalling some resident ID's.
      return createHmac("sha256", macKey).update(`phone:${phone.replace(/\D/g, "").replace(/^86(?=1\d{10}$)/, "")}`).digest();
    },
  };
}
