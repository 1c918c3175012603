import { decryptLicenseFile, encryptLicenseFile, licenseFileExpiry, licenseFileKey, parseActivationRequest } from "../license-file"

const HOUR = 3600 * 1000
const now = new Date("2026-12-07T10:00:00.000Z")
const at = (hours: number) => new Date(now.getTime() + hours * HOUR)

describe("license file expiry", () => {
  it("is now + the TTL, at least one hour", () => {
    expect(licenseFileExpiry(now, 720, { expires_at: null })).toEqual(at(720))
    expect(licenseFileExpiry(now, 0, { expires_at: null })).toEqual(at(1))
  })

  it("never goes beyond the license's end: its expiry, or the end of its grace", () => {
    expect(licenseFileExpiry(now, 720, { expires_at: at(5) })).toEqual(at(5))
    expect(licenseFileExpiry(now, 720, { expires_at: at(-5), grace_ends_at: at(48) })).toEqual(at(48))
    expect(licenseFileExpiry(now, 2, { expires_at: at(5) })).toEqual(at(2))
  })

  it("a key past its end that still verifies (maintain_access) gets the TTL", () => {
    expect(licenseFileExpiry(now, 24, { expires_at: at(-100), grace_ends_at: at(-50) })).toEqual(at(24))
  })
})

describe("encrypted license files", () => {
  const key = "CP-ABCDE-FGHJK-MNPQR-STUVW-XYZ23-45678"

  it("round-trips with the key and fails with another or a changed byte", () => {
    const sealed = encryptLicenseFile("header.payload.signature", key)
    expect(decryptLicenseFile(sealed, key)).toBe("header.payload.signature")
    expect(() => decryptLicenseFile(sealed, key.replace("A", "B"))).toThrow()
    const bytes = Buffer.from(sealed.ciphertext, "base64url")
    bytes[0] ^= 1
    expect(() => decryptLicenseFile({ ...sealed, ciphertext: bytes.toString("base64url") }, key)).toThrow()
  })

  it("derives the documented key: HKDF-SHA256(key, salt cp-license-file-v1, info license-file-encryption, 32)", () => {
    const { hkdfSync } = jest.requireActual<typeof import("node:crypto")>("node:crypto")
    expect(licenseFileKey(key).equals(Buffer.from(hkdfSync("sha256", key, "cp-license-file-v1", "license-file-encryption", 32)))).toBe(true)
    expect(licenseFileKey(key)).toHaveLength(32)
  })
})

describe("activation request files", () => {
  const file = { type: "license_activation_request", version: 1, key_hint: "e5f6u", fingerprint: "machine-0123456789", name: "Lab PC" }

  it("reads the JSON text or the object", () => {
    expect(parseActivationRequest(JSON.stringify(file))).toEqual({ key_hint: "E5F6U", fingerprint: "machine-0123456789", name: "Lab PC" })
    expect(parseActivationRequest({ ...file, name: undefined })).toEqual({ key_hint: "E5F6U", fingerprint: "machine-0123456789", name: null })
  })

  it("says what is wrong with anything else", () => {
    expect(parseActivationRequest("{")).toBe("activation_request is not JSON")
    expect(parseActivationRequest([])).toBe("activation_request must be a JSON object")
    expect(parseActivationRequest({ ...file, version: 2 })).toMatch(/version 1/)
    expect(parseActivationRequest({ ...file, key_hint: "CP-ABCDE-FGHJK" })).toMatch(/key_hint/)
    expect(parseActivationRequest({ ...file, fingerprint: 5 })).toMatch(/fingerprint is required/)
    expect(parseActivationRequest({ ...file, name: 5 })).toMatch(/name must be a string/)
  })
})
