import jwt from "jsonwebtoken"
import { createPublicKey, generateKeyPairSync, verify as verifySignature } from "node:crypto"
import { AnswerSigner } from "../signer"

const pem = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString()

describe("AnswerSigner", () => {
  const signer = new AnswerSigner(pem, 120)

  it("signs the answer as an ES256 JWT whose payload is the answer", () => {
    const answer = { valid: true, code: "valid", message: "License is valid", license: { max_activations: 5 } }
    const signed = signer.sign(answer)
    const header = JSON.parse(Buffer.from(signed.signature.split(".")[0], "base64url").toString())
    expect(header).toEqual({ alg: "ES256", typ: "JWT", kid: signer.publicKey.kid })
    const payload = jwt.verify(signed.signature, signer.publicKey.pem, { algorithms: ["ES256"] }) as Record<string, unknown>
    expect(payload).toMatchObject(answer)
    expect((payload.exp as number) - (payload.iat as number)).toBe(120)
  })

  it("signs a license file until the given moment, verifiable by a JWT library", () => {
    const expiresAt = new Date(Date.now() + 3 * 86_400_000)
    const token = signer.signUntil({ license_id: "lic_1", machine: "abc" }, expiresAt)
    const header = JSON.parse(Buffer.from(token.split(".")[0], "base64url").toString())
    expect(header).toEqual({ alg: "ES256", typ: "JWT", kid: signer.publicKey.kid })
    const payload = jwt.verify(token, signer.publicKey.pem, { algorithms: ["ES256"] }) as Record<string, unknown>
    expect(payload).toMatchObject({ license_id: "lic_1", machine: "abc", exp: Math.floor(expiresAt.getTime() / 1000) })
    expect(Math.abs((payload.iat as number) - Date.now() / 1000)).toBeLessThan(5)
    const expired = signer.signUntil({ license_id: "lic_1" }, new Date(Date.now() - 1000))
    expect(() => jwt.verify(expired, signer.publicKey.pem, { algorithms: ["ES256"] })).toThrow(/expired/)
  })

  it("serves the same key as PEM and JWK", () => {
    const fromJwk = createPublicKey({ key: signer.publicKey.jwk, format: "jwk" })
    expect(fromJwk.export({ type: "spki", format: "pem" })).toBe(signer.publicKey.pem)
    expect(signer.publicKey.jwk).toMatchObject({ kty: "EC", crv: "P-256", alg: "ES256", use: "sig" })
  })

  it("fails verification when one byte of the token changes", () => {
    const { signature } = signer.sign({ valid: true })
    const [h, p, s] = signature.split(".")
    const payload = Buffer.from(p, "base64url")
    payload[payload.length - 2] ^= 1
    const tampered = [h, payload.toString("base64url"), s].join(".")
    expect(() => jwt.verify(tampered, signer.publicKey.pem, { algorithms: ["ES256"] })).toThrow()
    // and with plain node:crypto, as an installed product without a JWT library would
    const ok = verifySignature("sha256", Buffer.from(`${h}.${p}`), { key: signer.publicKey.pem, dsaEncoding: "ieee-p1363" }, Buffer.from(s, "base64url"))
    const bad = verifySignature("sha256", Buffer.from(`${h}.${payload.toString("base64url")}`), { key: signer.publicKey.pem, dsaEncoding: "ieee-p1363" }, Buffer.from(s, "base64url"))
    expect([ok, bad]).toEqual([true, false])
  })
})
