import { createHash, createPrivateKey, createPublicKey, sign, type JsonWebKey, type KeyObject } from "node:crypto"

export type PublicSigningKey = {
  alg: "ES256"
  kid: string
  pem: string
  jwk: JsonWebKey & { kid: string; alg: "ES256"; use: "sig" }
}

const base64url = (text: string) => Buffer.from(text).toString("base64url")

/**
 * Signs Verify API answers as ES256 JWTs, so an installed product can trust a
 * cached answer offline until its `exp`. The `kid` is the key's RFC 7638
 * thumbprint: a product that pins several keys can tell them apart.
 *
 * The compact JWS is built here (RFC 7515: the header encoded once, the payload
 * encoded per answer, ECDSA P-256 over SHA-256 with the raw r||s signature of
 * RFC 7518 §3.4) rather than through a JWT library: every verify signs, and a
 * library's per-call option checks and key handling cost the hot path more than
 * the signature itself (docs/performance.md). Any JWT library verifies the result.
 */
export class AnswerSigner {
  private readonly privateKey: KeyObject
  private readonly encodedHeader: string
  readonly publicKey: PublicSigningKey

  constructor(privateKeyPem: string, private readonly ttlSeconds: number) {
    this.privateKey = createPrivateKey(privateKeyPem)
    const publicKey = createPublicKey(this.privateKey)
    const { crv, kty, x, y } = publicKey.export({ format: "jwk" })
    const kid = createHash("sha256").update(JSON.stringify({ crv, kty, x, y })).digest("base64url")
    this.publicKey = {
      alg: "ES256",
      kid,
      pem: publicKey.export({ type: "spki", format: "pem" }).toString(),
      jwk: { kty, crv, x, y, kid, alg: "ES256", use: "sig" },
    }
    this.encodedHeader = base64url(JSON.stringify({ alg: "ES256", typ: "JWT", kid }))
  }

  /** The answer with its signature: the JWT payload is the answer itself plus iat and exp. */
  sign<T extends object>(answer: T): T & { signature: string } {
    const iat = Math.floor(Date.now() / 1000)
    return { ...answer, signature: this.jws({ ...answer, iat, exp: iat + this.ttlSeconds }) }
  }

  /** A signed document (a license file) that expires at `expiresAt`: ES256, the same key and kid. */
  signUntil(payload: object, expiresAt: Date): string {
    return this.jws({ ...payload, iat: Math.floor(Date.now() / 1000), exp: Math.floor(expiresAt.getTime() / 1000) })
  }

  private jws(claims: object): string {
    const signingInput = `${this.encodedHeader}.${base64url(JSON.stringify(claims))}`
    const signature = sign("sha256", Buffer.from(signingInput), { key: this.privateKey, dsaEncoding: "ieee-p1363" })
    return `${signingInput}.${signature.toString("base64url")}`
  }
}
