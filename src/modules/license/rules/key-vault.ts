import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from "node:crypto"

const VERSION = "v1"
const IV_BYTES = 12
const TAG_BYTES = 16

/**
 * Keeps license keys unusable at rest. From one secret it derives two
 * independent keys (HKDF-SHA256): one for the HMAC used to look a key up, one
 * for the AES-256-GCM encryption used to show a key to its owner.
 */
export class LicenseKeyVault {
  private readonly hmacKey: Buffer
  private readonly encryptionKey: Buffer

  constructor(secret: string) {
    const ikm = Buffer.from(secret, "utf8")
    this.hmacKey = Buffer.from(hkdfSync("sha256", ikm, Buffer.alloc(0), "license-key:lookup", 32))
    this.encryptionKey = Buffer.from(hkdfSync("sha256", ikm, Buffer.alloc(0), "license-key:display", 32))
  }

  hash(body: string): string {
    return createHmac("sha256", this.hmacKey).update(body).digest("hex")
  }

  encrypt(body: string): string {
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv("aes-256-gcm", this.encryptionKey, iv)
    const ciphertext = Buffer.concat([cipher.update(body, "utf8"), cipher.final()])
    const sealed = Buffer.concat([iv, cipher.getAuthTag(), ciphertext])
    return `${VERSION}.${sealed.toString("base64url")}`
  }

  decrypt(stored: string): string {
    const [version, payload] = stored.split(".")
    if (version !== VERSION || !payload) {
      throw new Error("Unknown license key encryption format")
    }
    const sealed = Buffer.from(payload, "base64url")
    const iv = sealed.subarray(0, IV_BYTES)
    const tag = sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES)
    const decipher = createDecipheriv("aes-256-gcm", this.encryptionKey, iv)
    decipher.setAuthTag(tag)
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8")
  }
}
