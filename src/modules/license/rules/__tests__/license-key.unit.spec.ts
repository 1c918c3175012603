import crypto from "node:crypto"
import {
  checkSymbol,
  formatLicenseKey,
  generateKeyBody,
  KEY_ALPHABET,
  KEY_BODY_LENGTH,
  keyHint,
  parseLicenseKey,
} from "../license-key"

describe("license keys", () => {
  it("formats as CP- followed by six groups of five unambiguous symbols", () => {
    const key = formatLicenseKey(generateKeyBody(), "CP")
    expect(key).toMatch(/^CP-([2-9A-HJKMNP-Z]{5}-){5}[2-9A-HJKMNP-Z]{5}$/)
    expect(KEY_ALPHABET).not.toMatch(/[01OIL]/)
  })

  it("carries at least 120 bits of randomness drawn from the CSPRNG", () => {
    const spy = jest.spyOn(crypto, "randomInt")
    generateKeyBody()
    const calls = spy.mock.calls.map((args) => args[0])
    spy.mockRestore()
    const randomSymbols = calls.length
    expect(calls.every((max) => max === KEY_ALPHABET.length)).toBe(true)
    expect(randomSymbols * Math.log2(KEY_ALPHABET.length)).toBeGreaterThanOrEqual(120)
  })

  it("does not repeat itself over 20,000 keys and uses every symbol", () => {
    const bodies = new Set<string>()
    const seen = new Set<string>()
    for (let i = 0; i < 20000; i++) {
      const body = generateKeyBody()
      bodies.add(body)
      for (const s of body) seen.add(s)
    }
    expect(bodies.size).toBe(20000)
    expect(seen.size).toBe(KEY_ALPHABET.length)
  })

  it("catches every single-symbol typo with the check symbol", () => {
    for (let n = 0; n < 20; n++) {
      const body = generateKeyBody()
      expect(parseLicenseKey(body, "CP")).toBe(body)
      for (let position = 0; position < KEY_BODY_LENGTH; position++) {
        for (const symbol of KEY_ALPHABET) {
          if (symbol === body[position]) continue
          const typo = body.slice(0, position) + symbol + body.slice(position + 1)
          expect(parseLicenseKey(typo, "CP")).toBeNull()
        }
      }
    }
  })

  it("catches swaps of two neighbouring different symbols in the random part", () => {
    const body = generateKeyBody()
    for (let i = 0; i < KEY_BODY_LENGTH - 2; i++) {
      if (body[i] === body[i + 1]) continue
      const swapped = body.slice(0, i) + body[i + 1] + body[i] + body.slice(i + 2)
      expect(parseLicenseKey(swapped, "CP")).toBeNull()
    }
  })

  it("normalises case, spaces, missing dashes and a missing prefix", () => {
    const body = generateKeyBody()
    const key = formatLicenseKey(body, "CP")
    expect(parseLicenseKey(key, "CP")).toBe(body)
    expect(parseLicenseKey(key.toLowerCase(), "CP")).toBe(body)
    expect(parseLicenseKey(key.replace(/-/g, ""), "CP")).toBe(body)
    expect(parseLicenseKey(`  ${key.replace(/-/g, " ")}  `, "CP")).toBe(body)
    expect(parseLicenseKey(body, "CP")).toBe(body)
    expect(parseLicenseKey(formatLicenseKey(body, "ACME"), "ACME")).toBe(body)
  })

  it("rejects what cannot be a key", () => {
    const body = generateKeyBody()
    for (const bad of [undefined, null, 42, {}, "", "CP-", body.slice(1), body + "2", body.replace(/./, "O"), "x".repeat(5000)]) {
      expect(parseLicenseKey(bad, "CP")).toBeNull()
    }
  })

  it("keeps the last group as the hint and computes a stable check symbol", () => {
    const body = generateKeyBody()
    expect(keyHint(body)).toBe(body.slice(-5))
    expect(checkSymbol(body.slice(0, 29))).toBe(body[29])
  })
})
