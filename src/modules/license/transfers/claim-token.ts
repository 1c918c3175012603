import { createHash, randomBytes } from "node:crypto"

/** Bytes of CSPRNG output in a claim token: 256 bits, well above the 128 required. */
const TOKEN_BYTES = 32

/** A new claim token (base64url, 43 characters). It is sent once and never stored. */
export const newClaimToken = (): string => randomBytes(TOKEN_BYTES).toString("base64url")

/**
 * What the database keeps of a token: its SHA-256 (hex). A token has 256
 * random bits, so the hash cannot be reversed or guessed; no secret is needed.
 */
export const hashClaimToken = (token: string): string => createHash("sha256").update(token.trim(), "utf8").digest("hex")

/** The link the recipient opens: `<storefrontUrl><claimPath>?token=...`. */
export function claimUrl(storefrontUrl: string, claimPath: string, token: string): string {
  const url = new URL(`${storefrontUrl.replace(/\/+$/, "")}/${claimPath.replace(/^\/+/, "")}`)
  url.searchParams.set("token", token)
  return url.toString()
}
