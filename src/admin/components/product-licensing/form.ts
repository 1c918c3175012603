import type { VersionMode } from "./api"
import { MAX_DAILY_VERIFY_QUOTA } from "../../../modules/license/rules/daily-quota"

/** Custom response data as the textarea shows it: pretty JSON, or empty for none. */
export const formatCustomData = (value: Record<string, unknown> | null | undefined) =>
  value && Object.keys(value).length ? JSON.stringify(value, null, 2) : value ? "{}" : ""

/** As the server counts it: the bytes of the compact JSON. */
export const MAX_CUSTOM_DATA_BYTES = 16 * 1024

export type Parsed<T> = { value: T; error: null } | { value: null; error: string }

/** The textarea's text as a JSON object; empty text = no data (null). */
export function parseCustomData(text: string): Parsed<Record<string, unknown> | null> {
  if (!text.trim()) {
    return { value: null, error: null }
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    return { value: null, error: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` }
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    return { value: null, error: 'Must be a JSON object, e.g. {"plan": "pro"}.' }
  }
  if (new TextEncoder().encode(JSON.stringify(parsed)).length > MAX_CUSTOM_DATA_BYTES) {
    return { value: null, error: "Too large: custom data is at most 16 KB of JSON." }
  }
  return { value: parsed as Record<string, unknown>, error: null }
}

// Letters of any script: the server turns IDNs into punycode.
const LABEL = "[\\p{L}\\p{N}_]([\\p{L}\\p{N}_-]*[\\p{L}\\p{N}_])?"
const DOMAIN = new RegExp(`^(\\*\\.)?${LABEL}(\\.${LABEL})*$`, "u")

/** Lowercase, without a scheme, path, port or trailing dot: as the Verify API normalises domains. */
export const normaliseDomain = (input: string) =>
  input
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, "")
    .replace(/[/?#].*$/, "")
    .replace(/:\d+$/, "")
    .replace(/\.$/, "")

export function domainError(domain: string): string | null {
  if (!domain) {
    return "Enter a domain."
  }
  if (domain.length > 253 || !DOMAIN.test(domain)) {
    return `"${domain}" is not a domain: use example.com or *.example.com.`
  }
  return null
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/

function isIpv6(text: string) {
  if (!/^[0-9a-f:.]+$/i.test(text) || !text.includes(":")) {
    return false
  }
  // An embedded IPv4 tail (::ffff:1.2.3.4) counts as two groups.
  let groups = text
  const tail = text.lastIndexOf(":")
  if (text.slice(tail + 1).includes(".")) {
    if (!IPV4.test(text.slice(tail + 1))) {
      return false
    }
    groups = `${text.slice(0, tail + 1)}0:0`
  }
  const halves = groups.split("::")
  if (halves.length > 2) {
    return false
  }
  const parts = halves.map((half) => (half ? half.split(":") : []))
  if (parts.some((list) => list.some((group) => !/^[0-9a-f]{1,4}$/i.test(group)))) {
    return false
  }
  const count = parts.reduce((sum, list) => sum + list.length, 0)
  return halves.length === 2 ? count < 8 : count === 8
}

export const normaliseIp = (input: string) => input.trim().toLowerCase()

/** An IPv4 or IPv6 address, optionally with a /prefix (CIDR). */
export function ipError(entry: string): string | null {
  if (!entry) {
    return "Enter an IP address or CIDR range."
  }
  const [address, prefix, extra] = entry.split("/")
  const v4 = IPV4.test(address)
  const v6 = !v4 && isIpv6(address)
  const max = v4 ? 32 : 128
  const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= max)
  if ((!v4 && !v6) || !prefixOk || extra !== undefined) {
    return `"${entry}" is not an IP address or CIDR range: use 203.0.113.7, 10.0.0.0/8 or 2001:db8::/32.`
  }
  return null
}

/** The version rule's problem, or null when it can be saved. */
export function versionError(mode: VersionMode | null, pinned: string, range: string): string | null {
  if (mode === "pinned" && !pinned.trim()) {
    return "Enter the version to pin, e.g. 2.1.0."
  }
  if (mode === "pinned" && /\s/.test(pinned.trim())) {
    return "A pinned version is one version, e.g. 2.1.0 (use Range for more)."
  }
  if (mode === "range" && !range.trim()) {
    return 'Enter a semver range, e.g. ">=1.2.0 <2.0.0" or "1.x".'
  }
  return null
}

export const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((value, index) => value === b[index])

/** Version rule and custom data as a form edits them; a license's mode may be null (follow the product). */
export type VersionAndDataDraft<Mode extends VersionMode | null> = {
  version_mode: Mode
  version_pinned: string
  version_range: string
  custom_data: string
}

/**
 * The version rule and custom data fields to send: the ones edited, plus the
 * pin or range whenever the mode changes to it, so the server never holds a
 * mode without its value.
 */
export function versionAndDataChanges<Mode extends VersionMode | null>(
  draft: VersionAndDataDraft<Mode>,
  saved: VersionAndDataDraft<Mode>,
  customData: Record<string, unknown> | null
) {
  const body: {
    version_mode?: Mode
    version_pinned?: string | null
    version_range?: string | null
    custom_data?: Record<string, unknown> | null
  } = {}
  const modeChanged = draft.version_mode !== saved.version_mode
  if (modeChanged) {
    body.version_mode = draft.version_mode
  }
  if (draft.version_pinned !== saved.version_pinned || (modeChanged && draft.version_mode === "pinned")) {
    body.version_pinned = draft.version_pinned.trim() || null
  }
  if (draft.version_range !== saved.version_range || (modeChanged && draft.version_mode === "range")) {
    body.version_range = draft.version_range.trim() || null
  }
  if (draft.custom_data !== saved.custom_data) {
    body.custom_data = customData
  }
  return body
}

/** The daily verify quota field: empty or 0 = no quota; otherwise a whole number of calls per UTC day. */
export function parseDailyQuota(text: string): Parsed<number> {
  const trimmed = text.trim()
  if (!trimmed) {
    return { value: 0, error: null }
  }
  if (!/^\d+$/.test(trimmed)) {
    return { value: null, error: "A whole number of calls per day, 0 for no quota" }
  }
  const value = Number(trimmed)
  if (value > MAX_DAILY_VERIFY_QUOTA) {
    return { value: null, error: `At most ${MAX_DAILY_VERIFY_QUOTA.toLocaleString("en-US")} calls per day` }
  }
  return { value, error: null }
}
