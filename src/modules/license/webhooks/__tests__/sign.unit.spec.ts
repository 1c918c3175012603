import { createHmac } from "node:crypto"
import { signatureHeader, verifySignatureHeader } from "../sign"

describe("webhook signatures", () => {
  const secret = "whsec_test"
  const body = JSON.stringify({ id: "evt_1", type: "license.issued" })

  it("signs t + '.' + body with HMAC-SHA256 and puts the timestamp in the header", () => {
    const header = signatureHeader(secret, body, 1700000000)
    const expected = createHmac("sha256", secret).update(`1700000000.${body}`).digest("hex")
    expect(header).toBe(`t=1700000000,v1=${expected}`)
  })

  it("verifies a fresh signature and refuses a changed body, another secret, an old timestamp", () => {
    const now = 1700000000
    const header = signatureHeader(secret, body, now)
    expect(verifySignatureHeader(secret, body, header, 300, now + 10)).toBe(true)
    expect(verifySignatureHeader(secret, body + " ", header, 300, now)).toBe(false)
    expect(verifySignatureHeader("whsec_other", body, header, 300, now)).toBe(false)
    expect(verifySignatureHeader(secret, body, header, 300, now + 301)).toBe(false)
    expect(verifySignatureHeader(secret, body, "t=abc,v1=00", 300, now)).toBe(false)
    expect(verifySignatureHeader(secret, body, null, 300, now)).toBe(false)
  })
})
