import { checkDownloadToken, downloadTokenKey, signDownloadToken } from "../download-token"

const key = downloadTokenKey(undefined, "a-license-key-secret-of-32-characters!")
const grant = { release_id: "lrel_1", license_id: "lic_1", identity: "example.com", expires_at: 2_000_000_000 }
const now = 1_999_999_000 * 1000

describe("download tokens", () => {
  it("round-trips a grant and expires at its time", () => {
    const token = signDownloadToken(key, grant)
    expect(checkDownloadToken(key, token, now)).toEqual({ type: "valid", grant })
    expect(checkDownloadToken(key, token, grant.expires_at * 1000)).toEqual({ type: "expired", grant })
  })

  it("refuses a token altered to another release, signed with another key, or not a token at all", () => {
    const token = signDownloadToken(key, grant)
    const [, mac] = token.split(".")
    const other = Buffer.from(JSON.stringify(["lrel_2", "lic_1", "example.com", grant.expires_at])).toString("base64url")
    expect(checkDownloadToken(key, `${other}.${mac}`, now)).toEqual({ type: "invalid" })
    const otherKey = downloadTokenKey("another-secret", "a-license-key-secret-of-32-characters!")
    expect(checkDownloadToken(otherKey, token, now)).toEqual({ type: "invalid" })
    for (const bad of ["", "abc", "a.b.c", `${token}x`, 42, null, "x".repeat(2000)]) {
      expect(checkDownloadToken(key, bad, now)).toEqual({ type: "invalid" })
    }
  })

  it("derives the key from the configured secret when there is one", () => {
    expect(downloadTokenKey("s1", "k").equals(downloadTokenKey("s2", "k"))).toBe(false)
    expect(downloadTokenKey(undefined, "k").equals(downloadTokenKey(undefined, "k"))).toBe(true)
  })
})
