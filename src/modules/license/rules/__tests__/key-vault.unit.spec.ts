import { LicenseKeyVault } from "../key-vault"
import { generateKeyBody } from "../license-key"
import { resolveLicenseOptions } from "../../options"

const SECRET = "a".repeat(64)

describe("LicenseKeyVault", () => {
  it("round-trips a key through AES-256-GCM without storing it in clear", () => {
    const vault = new LicenseKeyVault(SECRET)
    const body = generateKeyBody()
    const sealed = vault.encrypt(body)
    expect(sealed).not.toContain(body)
    expect(vault.decrypt(sealed)).toBe(body)
    expect(vault.encrypt(body)).not.toBe(sealed)
  })

  it("refuses a tampered ciphertext", () => {
    const vault = new LicenseKeyVault(SECRET)
    const sealed = vault.encrypt(generateKeyBody())
    const [version, payload] = sealed.split(".")
    const bytes = Buffer.from(payload, "base64url")
    bytes[bytes.length - 1] ^= 1
    expect(() => vault.decrypt(`${version}.${bytes.toString("base64url")}`)).toThrow()
  })

  it("hashes deterministically per secret, and differently under another secret", () => {
    const body = generateKeyBody()
    const a = new LicenseKeyVault(SECRET)
    const b = new LicenseKeyVault("b".repeat(64))
    expect(a.hash(body)).toBe(a.hash(body))
    expect(a.hash(body)).toMatch(/^[0-9a-f]{64}$/)
    expect(a.hash(body)).not.toBe(b.hash(body))
    expect(() => b.decrypt(a.encrypt(body))).toThrow()
  })
})

describe("license module options", () => {
  const saved = process.env.LICENSE_KEY_SECRET
  afterEach(() => {
    process.env.LICENSE_KEY_SECRET = saved
  })

  it("refuses to start without a secret, saying what to set", () => {
    delete process.env.LICENSE_KEY_SECRET
    expect(() => resolveLicenseOptions({})).toThrow(/LICENSE_KEY_SECRET/)
    expect(() => resolveLicenseOptions({ secret: "short" })).toThrow(/at least 32/)
  })

  it("takes the secret from the environment and validates the prefix", () => {
    process.env.LICENSE_KEY_SECRET = SECRET
    expect(resolveLicenseOptions({}).keyPrefix).toBe("CP")
    expect(resolveLicenseOptions({ keyPrefix: "acme" }).keyPrefix).toBe("ACME")
    expect(() => resolveLicenseOptions({ keyPrefix: "C-P" })).toThrow(/keyPrefix/)
  })
})
