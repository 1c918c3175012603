import { KEY_ALPHABET } from "../rules/license-key"

// A key as it is printed (PREFIX-XXXXX-…-XXXXX, any case, prefix optional) or
// its bare 30-symbol body. Whatever a notification provider echoes back in an
// error, or a stored notification holds, is rewritten to the hint `…-XXXXX`
// (its last group, which the license table keeps in clear as key_hint).
const SYMBOL = `[${KEY_ALPHABET}${KEY_ALPHABET.toLowerCase()}]`
const PRINTED = new RegExp(`(?:\\b[A-Za-z]{1,8}-)?\\b(?:${SYMBOL}{5}-){5}(${SYMBOL}{5})\\b`, "g")
const BARE = new RegExp(`\\b${SYMBOL}{25}(${SYMBOL}{5})\\b`, "g")

/** `text` with every license key in it replaced by its hint. */
export function redactLicenseKeys(text: string): string {
  return text.replace(PRINTED, (_match, last: string) => `…-${last.toUpperCase()}`).replace(BARE, (_match, last: string) => `…-${last.toUpperCase()}`)
}

/** Whether `value` (any JSON) holds something that looks like a license key. */
export function holdsLicenseKey(value: unknown): boolean {
  const text = typeof value === "string" ? value : JSON.stringify(value ?? null)
  return redactLicenseKeys(text) !== text
}

/** A JSON value with every key in it replaced by its hint. */
export function redactLicenseKeysDeep<T>(value: T): T {
  return JSON.parse(redactLicenseKeys(JSON.stringify(value ?? null))) as T
}

/** An error message fit to store or log: keys redacted, at most `max` characters. */
export function safeErrorMessage(error: unknown, max = 500): string {
  const message = error instanceof Error ? error.message : String(error)
  const redacted = redactLicenseKeys(message).trim() || "Unknown error"
  return redacted.length > max ? `${redacted.slice(0, max - 1)}…` : redacted
}
