import { randomInt } from "node:crypto"

/**
 * License keys: `CP-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX`.
 *
 * The body is 30 symbols from a 31-symbol alphabet without 0/O or 1/I/L:
 * 29 random symbols (29 x log2(31) = 143.7 bits from the CSPRNG) and one
 * check symbol. The check is a weighted sum modulo 31 with weights 1..29; 31 is
 * prime and no weight is 0 mod 31, so every single-symbol typo and every swap
 * of two neighbouring (different) symbols changes it: a mistyped key is known to
 * be malformed without a database lookup.
 */
export const KEY_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
const BASE = KEY_ALPHABET.length
const GROUP_SIZE = 5
const RANDOM_SYMBOLS = 29
export const KEY_BODY_LENGTH = RANDOM_SYMBOLS + 1

const SYMBOL_VALUE = new Map([...KEY_ALPHABET].map((symbol, value) => [symbol, value]))

export function checkSymbol(payload: string): string {
  let sum = 0
  for (let i = 0; i < payload.length; i++) {
    sum += (i + 1) * SYMBOL_VALUE.get(payload[i])!
  }
  return KEY_ALPHABET[sum % BASE]
}

/** A new key body (no prefix, no dashes). */
export function generateKeyBody(): string {
  let payload = ""
  for (let i = 0; i < RANDOM_SYMBOLS; i++) {
    payload += KEY_ALPHABET[randomInt(BASE)]
  }
  return payload + checkSymbol(payload)
}

export function formatLicenseKey(body: string, prefix: string): string {
  const groups = body.match(new RegExp(`.{1,${GROUP_SIZE}}`, "g")) ?? []
  return [prefix, ...groups].join("-")
}

/** The key's last group, kept in clear so the admin can search by it. */
export function keyHint(body: string): string {
  return body.slice(-GROUP_SIZE)
}

/**
 * Normalises what a person or a program typed (any case, spaces, missing or
 * extra dashes, with or without the prefix) to the key's body, or null when it
 * cannot be a key: wrong length, a symbol outside the alphabet, or a failed
 * check symbol.
 */
export function parseLicenseKey(input: unknown, prefix: string): string | null {
  if (typeof input !== "string" || input.length > 200) {
    return null
  }
  let compact = input.toUpperCase().replace(/[\s-]+/g, "")
  const upperPrefix = prefix.toUpperCase()
  if (compact.length === upperPrefix.length + KEY_BODY_LENGTH && compact.startsWith(upperPrefix)) {
    compact = compact.slice(upperPrefix.length)
  }
  if (compact.length !== KEY_BODY_LENGTH) {
    return null
  }
  for (const symbol of compact) {
    if (!SYMBOL_VALUE.has(symbol)) {
      return null
    }
  }
  const payload = compact.slice(0, RANDOM_SYMBOLS)
  return checkSymbol(payload) === compact[RANDOM_SYMBOLS] ? compact : null
}
