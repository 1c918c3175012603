import { KEY_BODY_LENGTH, keyHint, parseLicenseKey } from "../../modules/license/rules/license-key"

// A license key as it may appear in a URL: 30 symbols of the key alphabet (any
// case), with or without dashes, spaces (+ or %20) or a prefix in front.
const SYMBOL = "[2-9A-HJKMNP-Za-hjkmnp-z]"
const SEPARATOR = "(?:-|\\+|%20|%2[dD])*"
const KEY_SHAPED = new RegExp(`(?:[A-Za-z]{1,8}${SEPARATOR})?(?:${SYMBOL}${SEPARATOR}){29}${SYMBOL}`, "g")
/** GET /licenses/:key: the segment after /licenses/ is a key, whatever it looks like. */
const LOOKUP_PATH = /^\/licenses\/([^/?#]+)/
/** GET /api/v1/license/:key (the KeyPort-compatible lookup): the same. */
const KEYPORT_LOOKUP_PATH = /^\/api\/v1\/license\/([^/?#]+)/
const STATIC_LICENSE_ROUTES = new Set(["verify", "deactivate", "lookup", "public-key", "updates", "downloads"])

/** What a log shows instead of a key: its hint (the last group), as the admin shows it. */
const masked = (hint: string | null) => (hint ? `***-${hint}` : "***")

function maskedSegment(segment: string): string {
  let decoded = segment
  try {
    decoded = decodeURIComponent(segment)
  } catch {
    // not valid percent-encoding: not a key either
  }
  // The prefix does not matter for the hint: the body is the last 30 symbols.
  const compact = decoded.replace(/[\s-]+/g, "")
  const body = compact.length <= 38 ? parseLicenseKey(compact.slice(-KEY_BODY_LENGTH), "") : null
  return masked(body ? keyHint(body) : null)
}

/**
 * The URL with every license key in it replaced by `***-<hint>`: the segment of
 * GET /licenses/:key and GET /api/v1/license/:key always, and anything key-shaped in the rest (an admin
 * search `?q=` by key, a key sent in a query string). Medusa's HTTP request log
 * prints `req.originalUrl`, so the plugin's routes set it to this.
 */
export function maskLicenseKeysInUrl(url: string): string {
  if (url.length < KEY_BODY_LENGTH) {
    // too short to hold a key: /licenses/verify and /licenses/deactivate cost one comparison
    return url
  }
  let result = url.replace(LOOKUP_PATH, (whole, segment: string) =>
    STATIC_LICENSE_ROUTES.has(segment) ? whole : `/licenses/${maskedSegment(segment)}`
  )
  result = result.replace(KEYPORT_LOOKUP_PATH, (_whole, segment: string) => `/api/v1/license/${maskedSegment(segment)}`)
  result = result.replace(KEY_SHAPED, (match) => masked(match.replace(/-|\+|%20|%2[dD]/g, "").slice(-5).toUpperCase()))
  return result
}
