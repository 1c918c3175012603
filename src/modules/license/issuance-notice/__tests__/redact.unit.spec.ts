import { formatLicenseKey, generateKeyBody, keyHint } from "../../rules/license-key"
import { holdsLicenseKey, redactLicenseKeys, redactLicenseKeysDeep, safeErrorMessage } from "../redact"

describe("redactLicenseKeys", () => {
  const body = generateKeyBody()
  const key = formatLicenseKey(body, "CP")
  const hint = `…-${keyHint(body)}`

  it("replaces a printed key, in any case, with or without its prefix, and a bare body, by the hint", () => {
    expect(redactLicenseKeys(`key ${key} sent`)).toBe(`key ${hint} sent`)
    expect(redactLicenseKeys(`key ${key.toLowerCase()}.`)).toBe(`key ${hint}.`)
    expect(redactLicenseKeys(`"${key.slice(3)}"`)).toBe(`"${hint}"`)
    expect(redactLicenseKeys(`ACME-${key.slice(3)}`)).toBe(hint)
    expect(redactLicenseKeys(`body=${body};`)).toBe(`body=${hint};`)
  })

  it("leaves text without a key alone, hints and ids included", () => {
    const text = `order_01JABCDEFGHJKMNPQRSTVWXYZ2 ${hint} noti_01K2ZQ8W3V 554 rejected`
    expect(redactLicenseKeys(text)).toBe(text)
    expect(holdsLicenseKey({ licenses: [{ key: hint }] })).toBe(false)
  })

  it("rewrites JSON data and error messages", () => {
    const data = { licenses: [{ key, license_id: "lic_1" }], order_id: "order_1" }
    expect(holdsLicenseKey(data)).toBe(true)
    expect(redactLicenseKeysDeep(data)).toEqual({ licenses: [{ key: hint, license_id: "lic_1" }], order_id: "order_1" })
    const message = safeErrorMessage(new Error(`554 rejected: ${JSON.stringify(data)}`), 60)
    expect(message).not.toContain(body.slice(0, 10))
    expect(message.length).toBeLessThanOrEqual(60)
  })
})
