import { generateKeyPairSync } from "node:crypto"
import { resolveLicenseOptions } from "../../options"
import { resolveSigningKey } from "../signing-key"

const ecPem = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString()
const secret = "x".repeat(40)

describe("Verify API options", () => {
  it("refuses to boot in production without a signing key, saying what to set", () => {
    expect(() => resolveSigningKey(undefined, { NODE_ENV: "production" })).toThrow(/LICENSE_SIGNING_PRIVATE_KEY/)
  })

  it("uses one throw-away key per process outside production", () => {
    const a = resolveSigningKey(undefined, { NODE_ENV: "development" })
    const b = resolveSigningKey(undefined, { NODE_ENV: "test" })
    expect(a.ephemeral).toBe(true)
    expect(a.pem).toBe(b.pem)
  })

  it("accepts a P-256 PEM, also with literal \\n, and refuses other keys", () => {
    expect(resolveSigningKey(ecPem, {}).ephemeral).toBe(false)
    expect(resolveSigningKey(ecPem.replace(/\n/g, "\\n"), {}).pem).toBe(ecPem)
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString()
    expect(() => resolveSigningKey(rsa, {})).toThrow(/P-256/)
    expect(() => resolveSigningKey("not a key", {})).toThrow(/not a readable PEM/)
  })

  it("reads numbers from env strings and checks their range", () => {
    const resolved = resolveLicenseOptions({
      secret,
      signingPrivateKey: ecPem,
      trustedProxyHops: "2",
      verifyRateLimitMax: "0",
      signatureTtlSeconds: 600,
    })
    expect(resolved.verify).toMatchObject({ trustedProxyHops: 2, rateLimitMax: 0, signatureTtlSeconds: 600, rateLimitWindowSeconds: 60 })
    expect(() => resolveLicenseOptions({ secret, signingPrivateKey: ecPem, trustedProxyHops: "-1" })).toThrow(/trustedProxyHops/)
    expect(() => resolveLicenseOptions({ secret, signingPrivateKey: ecPem, signatureTtlSeconds: "soon" })).toThrow(/signatureTtlSeconds/)
  })
})
