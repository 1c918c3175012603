import { createHash } from "node:crypto"
import { resolveLicenseOptions } from "../../options"
import { claimUrl, hashClaimToken, newClaimToken } from "../claim-token"
import { licenseRefusal } from "../claims"

const secret = "x".repeat(40)

describe("transfer claim tokens", () => {
  it("are 256 random bits in base64url, different every time", () => {
    const tokens = new Set(Array.from({ length: 200 }, () => newClaimToken()))
    expect(tokens.size).toBe(200)
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(Buffer.from(token, "base64url")).toHaveLength(32)
    }
  })

  it("are stored as their SHA-256 only (the hash does not contain the token)", () => {
    const token = newClaimToken()
    const hash = hashClaimToken(token)
    expect(hash).toBe(createHash("sha256").update(token).digest("hex"))
    expect(hash).not.toContain(token)
    expect(hashClaimToken(` ${token} `)).toBe(hash)
    expect(hashClaimToken(newClaimToken())).not.toBe(hash)
  })

  it("build the claim URL from the storefront URL and path", () => {
    expect(claimUrl("https://shop.example.com", "/account/licenses/claim", "abc-_1")).toBe(
      "https://shop.example.com/account/licenses/claim?token=abc-_1"
    )
    // The path is appended to the storefront URL, which may have a path of its own.
    expect(claimUrl("https://shop.example.com/de/", "/account/licenses/claim", "t")).toBe(
      "https://shop.example.com/de/account/licenses/claim?token=t"
    )
    expect(claimUrl("https://shop.example.com/de", "claim", "a+b")).toBe("https://shop.example.com/de/claim?token=a%2Bb")
  })
})

describe("which license a claim may still move", () => {
  const claim = { from_customer_id: "cus_alice" }
  it("only an unrevoked license still owned by the customer who had it at approval", () => {
    expect(licenseRefusal(claim, { status: "active", customer_id: "cus_alice" }, "cus_bob")).toBeNull()
    expect(licenseRefusal(claim, { status: "suspended", customer_id: "cus_alice" }, "cus_bob")).toBeNull()
    expect(licenseRefusal(claim, { status: "revoked", customer_id: "cus_alice" }, "cus_bob")?.code).toBe("license_not_transferable")
    expect(licenseRefusal(claim, { status: "active", customer_id: "cus_carol" }, "cus_bob")?.code).toBe("license_not_transferable")
    expect(licenseRefusal(claim, null, "cus_bob")?.code).toBe("license_not_transferable")
    expect(licenseRefusal(claim, { status: "active", customer_id: "cus_alice" }, "cus_alice")?.code).toBe("transfer_to_current_owner")
  })
})

describe("transfer claim options", () => {
  it("default to 7 days, the license-transfer-claim template and the local storefront", () => {
    const { transfers } = resolveLicenseOptions({ secret })
    expect(transfers).toMatchObject({
      claimTtlSeconds: 7 * 24 * 3600,
      claimNotificationTemplate: "license-transfer-claim",
      claimPath: "/account/licenses/claim",
    })
    expect(transfers.storefrontUrl).toBe(process.env.STOREFRONT_URL || "http://localhost:8000")
  })

  it("read the TTL from a string, and refuse a bad TTL or storefront URL at boot", () => {
    const { transfers } = resolveLicenseOptions({ secret, transferClaimTtlSeconds: "3600", storefrontUrl: "https://shop.example.com" })
    expect(transfers).toMatchObject({ claimTtlSeconds: 3600, storefrontUrl: "https://shop.example.com" })
    expect(() => resolveLicenseOptions({ secret, transferClaimTtlSeconds: "0" })).toThrow(/transferClaimTtlSeconds/)
    expect(() => resolveLicenseOptions({ secret, storefrontUrl: "shop.example.com" })).toThrow(/storefrontUrl/)
    expect(() => resolveLicenseOptions({ secret, storefrontUrl: "javascript:alert(1)" })).toThrow(/storefrontUrl/)
  })
})
