import { createHash } from "node:crypto"
import {
  apiKeyMatches,
  bearerToken,
  generateProductApiKey,
  hashProductApiKey,
  PRODUCT_API_KEY_PREFIX,
} from "../api-key"

describe("generateProductApiKey", () => {
  it("is lk_live_ followed by 32 base62 characters", () => {
    const { key } = generateProductApiKey()
    expect(PRODUCT_API_KEY_PREFIX).toBe("lk_live_")
    expect(key).toMatch(/^lk_live_[0-9A-Za-z]{32}$/)
    expect(key).toHaveLength(40)
  })

  it("returns the key's hash and its first 12 characters for display", () => {
    const { key, hash, prefix } = generateProductApiKey()
    expect(hash).toBe(hashProductApiKey(key))
    expect(prefix).toBe(key.slice(0, 12))
    expect(prefix).toMatch(/^lk_live_[0-9A-Za-z]{4}$/)
  })

  it("never repeats over 1000 keys, and uses the whole alphabet roughly evenly", () => {
    const keys = Array.from({ length: 1000 }, () => generateProductApiKey().key)
    expect(new Set(keys).size).toBe(1000)
    expect(new Set(keys.map((k) => k.slice(0, 12))).size).toBeGreaterThan(990)

    const counts = new Map<string, number>()
    for (const key of keys) {
      for (const char of key.slice(PRODUCT_API_KEY_PREFIX.length)) {
        counts.set(char, (counts.get(char) ?? 0) + 1)
      }
    }
    // 32 000 characters over 62 symbols: about 516 each (standard deviation about 22).
    expect(counts.size).toBe(62)
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(400)
      expect(count).toBeLessThan(640)
    }
    // A plain byte % 62 would give "0"-"7" 5/256 each instead of 1/62: about 5000 together
    // instead of about 4129 (standard deviation about 60).
    const firstEight = [..."01234567"].reduce((sum, char) => sum + (counts.get(char) ?? 0), 0)
    expect(firstEight).toBeGreaterThan(3750)
    expect(firstEight).toBeLessThan(4500)
  })
})

describe("hashProductApiKey", () => {
  it("is the sha256 hex digest of the key, stable across calls", () => {
    const key = "lk_live_abcdefghijklmnopqrstuvwxyz012345"
    const expected = createHash("sha256").update(key).digest("hex")
    expect(hashProductApiKey(key)).toBe(expected)
    expect(hashProductApiKey(key)).toBe(expected)
    expect(expected).toMatch(/^[0-9a-f]{64}$/)
  })

  it("differs for keys that differ in one character", () => {
    expect(hashProductApiKey("lk_live_a")).not.toBe(hashProductApiKey("lk_live_b"))
  })
})

describe("bearerToken", () => {
  it.each([
    ["Bearer lk_live_abc", "lk_live_abc"],
    ["bearer lk_live_abc", "lk_live_abc"],
    ["BEARER lk_live_abc", "lk_live_abc"],
    ["Bearer    lk_live_abc", "lk_live_abc"],
    ["  Bearer lk_live_abc  ", "lk_live_abc"],
    ["Bearer a.b-c_d~e+f/g=", "a.b-c_d~e+f/g="],
  ])("%j -> %j", (header, token) => {
    expect(bearerToken(header)).toBe(token)
  })

  it.each([
    [null],
    [undefined],
    [""],
    ["Bearer"],
    ["Bearer "],
    ["Bearer    "],
    ["Bearerlk_live_abc"],
    ["Basic dXNlcjpwYXNz"],
    ["lk_live_abc"],
    ["Bearer two tokens"],
    ["Token lk_live_abc"],
    ["Bearer\tlk_live_abc"],
    ["X Bearer lk_live_abc"],
  ])("refuses %j", (header) => {
    expect(bearerToken(header)).toBeNull()
  })

  it("reads the first of repeated headers", () => {
    expect(bearerToken(["Bearer first", "Bearer second"])).toBe("first")
    expect(bearerToken(["Basic x", "Bearer second"])).toBeNull()
    expect(bearerToken([])).toBeNull()
  })
})

describe("apiKeyMatches", () => {
  const { key, hash } = generateProductApiKey()

  it("accepts the key whose hash is stored", () => {
    expect(apiKeyMatches(hash, key)).toBe(true)
  })

  it("refuses another key, a truncated key, or the hash itself presented as the key", () => {
    expect(apiKeyMatches(hash, generateProductApiKey().key)).toBe(false)
    expect(apiKeyMatches(hash, key.slice(0, -1))).toBe(false)
    expect(apiKeyMatches(hash, `${key} `)).toBe(false)
    expect(apiKeyMatches(hash, hash)).toBe(false)
  })

  it("refuses when nothing is stored or nothing is presented", () => {
    expect(apiKeyMatches(null, key)).toBe(false)
    expect(apiKeyMatches(hash, null)).toBe(false)
    expect(apiKeyMatches(null, null)).toBe(false)
    expect(apiKeyMatches("", key)).toBe(false)
    expect(apiKeyMatches(hash, "")).toBe(false)
  })

  it("refuses a malformed stored hash without throwing", () => {
    expect(apiKeyMatches("abc", key)).toBe(false)
    expect(apiKeyMatches(`${hash}00`, key)).toBe(false)
    expect(apiKeyMatches(hash.toUpperCase(), key)).toBe(false)
  })

  it("works end to end with a bearer header", () => {
    expect(apiKeyMatches(hash, bearerToken(`Bearer ${key}`))).toBe(true)
    expect(apiKeyMatches(hash, bearerToken(key))).toBe(false)
  })
})
