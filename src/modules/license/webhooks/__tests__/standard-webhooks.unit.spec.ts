import { randomBytes } from "node:crypto"
import { Webhook, WebhookVerificationError } from "standardwebhooks"
import { generateWebhookSecret } from "../secret"
import { signatureHeader, verifySignatureHeader } from "../sign"
import { deliveryHeaders, isStandardSecret } from "../standard-webhooks"

// The receiver here is the stock `standardwebhooks` npm library, not our code.
describe("Standard Webhooks headers, checked by the standardwebhooks library", () => {
  const body = JSON.stringify({ id: "evt_1", type: "license.issued", data: { key_hint: "CP-…-AB12" } })
  const now = () => Math.floor(Date.now() / 1000)

  /** The headers as a receiver's framework hands them over (lower-case names). */
  function received(headers: Record<string, string>): Record<string, string> {
    return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]))
  }

  it("new secrets are whsec_ + base64 of 32 bytes, which the library decodes", () => {
    const secret = generateWebhookSecret()
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    expect(isStandardSecret(secret)).toBe(true)
    expect(Buffer.from(secret.slice(6), "base64")).toHaveLength(32)
    expect(() => new Webhook(secret)).not.toThrow()
  })

  it("X-KeyPort-Signature only for a KeyPort-compatible endpoint, the same t=,v1= value as X-License-Signature", () => {
    const secret = generateWebhookSecret()
    const at = now()
    const plain = deliveryHeaders(secret, body, "lwhd_01ABC", at)
    expect(plain).not.toHaveProperty("X-KeyPort-Signature")
    const keyport = deliveryHeaders(secret, body, "lwhd_01ABC", at, { keyport: true })
    expect(keyport["X-KeyPort-Signature"]).toBe(signatureHeader(secret, body, at))
    expect(verifySignatureHeader(secret, body, keyport["X-KeyPort-Signature"])).toBe(true)
    expect(received(keyport)["webhook-signature"]).toBe(received(plain)["webhook-signature"])
  })

  it("a delivery verifies with new Webhook(secret).verify(body, headers)", () => {
    const secret = generateWebhookSecret()
    const headers = received(deliveryHeaders(secret, body, "lwhd_01ABC"))
    expect(headers["webhook-id"]).toBe("lwhd_01ABC")
    expect(headers["webhook-timestamp"]).toMatch(/^\d+$/)
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+={0,2}$/)
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body))
  })

  it("the library refuses a tampered body, a wrong secret, another id and an old or future timestamp", () => {
    const secret = generateWebhookSecret()
    const headers = received(deliveryHeaders(secret, body, "lwhd_01ABC"))
    const hook = new Webhook(secret)
    expect(() => hook.verify(body.replace("issued", "revoked"), headers)).toThrow(WebhookVerificationError)
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow("No matching signature found")
    expect(() => hook.verify(body, { ...headers, "webhook-id": "lwhd_other" })).toThrow("No matching signature found")

    const old = received(deliveryHeaders(secret, body, "lwhd_01ABC", now() - 301))
    expect(() => hook.verify(body, old)).toThrow("Message timestamp too old")
    const future = received(deliveryHeaders(secret, body, "lwhd_01ABC", now() + 301))
    expect(() => hook.verify(body, future)).toThrow("Message timestamp too new")
    // A timestamp moved forward on a captured delivery breaks its signature.
    expect(() => hook.verify(body, { ...old, "webhook-timestamp": String(now()) })).toThrow("No matching signature found")
  })

  it("X-License-Signature is byte-for-byte what it was, at the same timestamp as webhook-timestamp", () => {
    const secret = generateWebhookSecret()
    const at = 1700000000
    const headers = deliveryHeaders(secret, body, "lwhd_01ABC", at)
    expect(headers["X-License-Signature"]).toBe(signatureHeader(secret, body, at))
    expect(headers["webhook-timestamp"]).toBe(String(at))
    expect(verifySignatureHeader(secret, body, headers["X-License-Signature"], 300, at)).toBe(true)
  })

  it("a secret made before (whsec_ + base64url) signs with its UTF-8 bytes: the library verifies it in raw format", () => {
    const legacy = `whsec_${randomBytes(32).toString("base64url")}`
    expect(isStandardSecret(legacy)).toBe(false)
    const headers = received(deliveryHeaders(legacy, body, "lwhd_01OLD"))
    expect(new Webhook(legacy, { format: "raw" }).verify(body, headers)).toEqual(JSON.parse(body))
    expect(new Webhook(`whsec_${Buffer.from(legacy, "utf8").toString("base64")}`).verify(body, headers)).toEqual(JSON.parse(body))
    expect(() => new Webhook(`${legacy}x`, { format: "raw" }).verify(body, headers)).toThrow(WebhookVerificationError)
    // X-License-Signature for the old secret: unchanged, keyed by the secret string.
    expect(verifySignatureHeader(legacy, body, headers["x-license-signature"])).toBe(true)
  })
})
