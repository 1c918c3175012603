import { createHash, randomBytes, timingSafeEqual } from "node:crypto"

export const PRODUCT_API_KEY_PREFIX = "lk_live_"
export type GeneratedApiKey = { key: string; hash: string; prefix: string }

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
const RANDOM_CHARS = 32 // 32 * log2(62) ≈ 190 bits
// 248 = 4 * 62: bytes at or above it are dropped so that every character is equally likely.
const UNBIASED_BYTE_LIMIT = 256 - (256 % BASE62.length)
const VISIBLE_PREFIX_LENGTH = 12
const BEARER = /^bearer +(\S+) *$/i

/** A new key; only its hash is stored, the key itself is shown to the admin once. */
export function generateProductApiKey(): GeneratedApiKey {
  let random = ""
  while (random.length < RANDOM_CHARS) {
    for (const byte of randomBytes(RANDOM_CHARS * 2)) {
      if (byte < UNBIASED_BYTE_LIMIT && random.length < RANDOM_CHARS) {
        random += BASE62[byte % BASE62.length]
      }
    }
  }
  const key = PRODUCT_API_KEY_PREFIX + random
  return { key, hash: hashProductApiKey(key), prefix: key.slice(0, VISIBLE_PREFIX_LENGTH) }
}

/**
 * A plain SHA-256 suffices (as for GitHub tokens): the key is ~190 random
 * bits, so there is nothing for a slow, salted password hash to protect.
 */
export function hashProductApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex")
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(authorization: string | string[] | null | undefined): string | null {
  const header = Array.isArray(authorization) ? authorization[0] : authorization
  if (typeof header !== "string") {
    return null
  }
  return BEARER.exec(header.trim())?.[1] ?? null
}

/** Whether the presented key hashes to the stored hash, compared in constant time. */
export function apiKeyMatches(storedHash: string | null, presented: string | null): boolean {
  if (!storedHash || !presented) {
    return false
  }
  const expected = Buffer.from(storedHash, "utf8")
  const actual = Buffer.from(hashProductApiKey(presented), "utf8")
  // Only a malformed stored hash has another length; that reveals nothing about the key.
  return expected.length === actual.length && timingSafeEqual(expected, actual)
}
