import type { LicenseKeyVault } from "./key-vault"
import { formatLicenseKey, parseLicenseKey } from "./license-key"

/**
 * Parse, hash and format of typed license keys, with the store's prefix and
 * secret: the one place every feature reads a key a person or a product typed.
 */
export class LicenseKeyCodec {
  constructor(
    readonly vault: LicenseKeyVault,
    readonly prefix: string
  ) {}

  /** The key body of typed input, or null when it is malformed. */
  body(input: unknown): string | null {
    return parseLicenseKey(input, this.prefix)
  }

  /** The lookup hash of a key body (license.key_hash). */
  hash(body: string): string {
    return this.vault.hash(body)
  }

  /** The canonical key (`CP-XXXX-...`) of a key body. */
  format(body: string): string {
    return formatLicenseKey(body, this.prefix)
  }

  /** The lookup hash of typed input, or null when it is malformed. */
  hashOf(input: unknown): string | null {
    const body = this.body(input)
    return body ? this.vault.hash(body) : null
  }

  /** The full key of a stored license. */
  reveal(keyEncrypted: string): string {
    return this.format(this.vault.decrypt(keyEncrypted))
  }
}
