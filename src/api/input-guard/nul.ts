/**
 * Where the first NUL byte (U+0000) is in a parsed value: its path
 * ("body.notes", "body.custom_data.<key>") or null. PostgreSQL refuses NUL in
 * text and jsonb, so a NUL that reached a query would answer 500. Walks the
 * value without recursion, so a deeply nested body cannot overflow the stack.
 */
export function findNul(value: unknown, root = "body"): string | null {
  const stack: [unknown, string][] = [[value, root]]
  while (stack.length) {
    const [current, path] = stack.pop()!
    if (typeof current === "string") {
      if (current.includes("\u0000")) {
        return path
      }
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) {
        stack.push([current[i], `${path}[${i}]`])
      }
    } else if (current !== null && typeof current === "object") {
      for (const key of Object.keys(current)) {
        if (key.includes("\u0000")) {
          return `${path} (a field name)`
        }
        stack.push([(current as Record<string, unknown>)[key], `${path}.${key}`])
      }
    }
  }
  return null
}

/** A NUL byte in the URL: `%00` (Node's HTTP parser refuses a raw NUL byte in the request line). */
export const urlHasNul = (url: string) => /%00/i.test(url)
