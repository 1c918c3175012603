/**
 * One `Range: bytes=...` request over a file of `size` bytes (RFC 9110 14.1.2): the inclusive
 * byte span to send, `full` when there is no usable Range header (send it all, 200), or
 * `unsatisfiable` (416). Several ranges at once are answered with the whole file, as the RFC allows.
 */
export type ByteRange = { type: "partial"; start: number; end: number } | { type: "full" } | { type: "unsatisfiable" }

const SINGLE = /^bytes=(\d*)-(\d*)$/

export function parseByteRange(header: string | undefined, size: number): ByteRange {
  if (!header) {
    return { type: "full" }
  }
  const match = SINGLE.exec(header.trim())
  if (!match) {
    return { type: "full" }
  }
  const [, from, to] = match
  if (!from && !to) {
    return { type: "full" }
  }
  if (!from) {
    // bytes=-N: the last N bytes.
    const suffix = Number(to)
    if (suffix === 0 || size === 0) {
      return { type: "unsatisfiable" }
    }
    return { type: "partial", start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(from)
  const end = to ? Math.min(Number(to), size - 1) : size - 1
  if (start >= size || (to && Number(to) < start)) {
    return { type: "unsatisfiable" }
  }
  return { type: "partial", start, end }
}
