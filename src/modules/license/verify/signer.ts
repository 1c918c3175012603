import jwt from "jsonwebtoken"
import { createHash, createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from "node:crypto"

export type PublicSigningKey = {
  alg: "ES256"
  kid: string
  pem: string
  jwk: JsonWebKey & { kid: string; alg: "ES256"; use: "sig" }
}

/**
 * Signs Verify API answers as ES256 JWTs, so an installed product can trust a
 * cached answer offline until its `exp`. The `kid` is the key's RFC 7638
 * thumbprint: a product that pins several keys can tell them apart.
 */
export class AnswerSigner {
  private readonly privateKey: KeyObject
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
  }

  /** The answer with its signature: the JWT payload is the answer itself plus iat and exp. */
  sign<T extends object>(answer: T): T & { signature: string } {
    const signature = jwt.sign(answer, this.privateKey, {
      algorithm: "ES256",
      expiresIn: this.ttlSeconds,
      keyid: this.publicKey.kid,
    })
    return { ...answer, signature }
  }

  /** A signed document (a license file) that expires at `expiresAt`: ES256, the same key and kid. */
  signUntil(payload: object, expiresAt: Date): string {
    const exp = Math.floor(expiresAt.getTime() / 1000)
    return jwt.sign({ ...payload, exp }, this.privateKey, { algorithm: "ES256", keyid: this.publicKey.kid })
  }
}
