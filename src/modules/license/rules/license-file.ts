import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto"

export { DEFAULT_LICENSE_FILE_TTL_HOURS, licenseFileExpiry, MAX_LICENSE_FILE_TTL_HOURS, MIN_LICENSE_FILE_TTL_HOURS } from "./license-file-ttl"

/**
 * Offline license files (docs/entitlements-and-license-files.md): the TTL and expiry of a
 * file, its payload, the optional encryption to the license key, and the air-gapped
 * activation request. Pure (node:crypto only).
 */

export const LICENSE_FILE_TYPE = "license_file"
export const ACTIVATION_REQUEST_TYPE = "license_activation_request"
export type LicenseFileLicense = {
  id: string
  key_hint: string
  status: string
  expires_at: string | null
  product_id: string | null
  variant_id: string | null
  product_title: string | null
  variant_title: string | null
  entitlements: string[]
}

/** The signed payload of a license file (the JWT adds iat and exp = expires_at). */
export type LicenseFilePayload = {
  type: typeof LICENSE_FILE_TYPE
  license: LicenseFileLicense
  machine: { fingerprint: string; name: string | null }
  issued_at: string
  expires_at: string
}

/** An encrypted license file: the signed file (a JWT) in AES-256-GCM, keyed from the license key. */
export type EncryptedLicenseFile = {
  type: "license_file_encrypted"
  alg: "A256GCM"
  kdf: "HKDF-SHA256"
  iv: string
  ciphertext: string
  tag: string
}

const KDF_SALT = "cp-license-file-v1"
const KDF_INFO = "license-file-encryption"

/**
 * The AES-256 key of a license's files: HKDF-SHA256 with the canonical license key
 * (upper case, with its dashes: `CP-XXXXX-...`, UTF-8) as input key material, salt
 * `cp-license-file-v1`, info `license-file-encryption`, 32 bytes.
 */
export function licenseFileKey(canonicalLicenseKey: string): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(canonicalLicenseKey, "utf8"), KDF_SALT, KDF_INFO, 32))
}

/** Encrypts a signed file (the JWT's text) to the license key: a 12-byte random IV, the 16-byte tag apart. */
export function encryptLicenseFile(token: string, canonicalLicenseKey: string): EncryptedLicenseFile {
  const iv = randomBytes(12)
  const cipher = createCipheriv("aes-256-gcm", licenseFileKey(canonicalLicenseKey), iv)
  const ciphertext = Buffer.concat([cipher.update(token, "utf8"), cipher.final()])
  return {
    type: "license_file_encrypted",
    alg: "A256GCM",
    kdf: "HKDF-SHA256",
    iv: iv.toString("base64url"),
    ciphertext: ciphertext.toString("base64url"),
    tag: cipher.getAuthTag().toString("base64url"),
  }
}

/** The signed file inside an encrypted one; throws when the key is not the file's (the tag does not match). */
export function decryptLicenseFile(file: EncryptedLicenseFile, canonicalLicenseKey: string): string {
  const decipher = createDecipheriv("aes-256-gcm", licenseFileKey(canonicalLicenseKey), Buffer.from(file.iv, "base64url"))
  decipher.setAuthTag(Buffer.from(file.tag, "base64url"))
  return Buffer.concat([decipher.update(Buffer.from(file.ciphertext, "base64url")), decipher.final()]).toString("utf8")
}

/** What an air-gapped app writes for its owner to upload (docs: "Air-gapped machines"). */
export type ActivationRequest = { key_hint: string; fingerprint: string; name: string | null }

/**
 * Reads an activation request file: JSON `{ "type": "license_activation_request", "version": 1,
 * "key_hint": "...", "fingerprint": "...", "name": "..." }`, as an object or its text; the
 * problem as a string when it is not one.
 */
export function parseActivationRequest(input: unknown): ActivationRequest | string {
  let value = input
  if (typeof value === "string") {
    try {
      value = JSON.parse(value)
    } catch {
      return "activation_request is not JSON"
    }
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    return "activation_request must be a JSON object"
  }
  const r = value as Record<string, unknown>
  if (r.type !== ACTIVATION_REQUEST_TYPE || r.version !== 1) {
    return `activation_request must have type "${ACTIVATION_REQUEST_TYPE}" and version 1`
  }
  if (typeof r.key_hint !== "string" || !/^[0-9A-Za-z]{1,16}$/.test(r.key_hint)) {
    return "activation_request.key_hint must be the key's last group"
  }
  if (typeof r.fingerprint !== "string") {
    return "activation_request.fingerprint is required"
  }
  if (r.name !== undefined && r.name !== null && typeof r.name !== "string") {
    return "activation_request.name must be a string"
  }
  return { key_hint: r.key_hint.toUpperCase(), fingerprint: r.fingerprint, name: (r.name as string | null | undefined) ?? null }
}
