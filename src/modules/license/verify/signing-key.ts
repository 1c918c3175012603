import { createPrivateKey, generateKeyPairSync, type KeyObject } from "node:crypto"

const HOW_TO =
  "Set LICENSE_SIGNING_PRIVATE_KEY (or the plugin option `signingPrivateKey`) to an EC P-256 private key in PEM, " +
  "e.g. `openssl ecparam -name prime256v1 -genkey -noout | openssl pkcs8 -topk8 -nocrypt`."

let ephemeralPem: string | null = null

/**
 * The PEM of the key that signs Verify API answers. Production must configure
 * one (installed products pin its public key); elsewhere a throw-away key,
 * one per process, keeps a bare `medusa develop` working.
 */
export function resolveSigningKey(
  configured: string | undefined,
  env: NodeJS.ProcessEnv = process.env
): { pem: string; ephemeral: boolean } {
  const raw = configured || env.LICENSE_SIGNING_PRIVATE_KEY
  if (!raw) {
    if (env.NODE_ENV === "production") {
      throw new Error(
        `License keys: no signing key configured. Verify API answers are signed (ES256) and production has no default. ${HOW_TO}`
      )
    }
    ephemeralPem ??= generateKeyPairSync("ec", { namedCurve: "P-256" })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString()
    return { pem: ephemeralPem, ephemeral: true }
  }
  // Env files and dashboards often keep a PEM on one line with literal "\n".
  const pem = raw.includes("\\n") ? raw.replace(/\\n/g, "\n") : raw
  let key: KeyObject
  try {
    key = createPrivateKey(pem)
  } catch {
    throw new Error(`License keys: the signing key is not a readable PEM private key. ${HOW_TO}`)
  }
  if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1") {
    throw new Error(`License keys: the signing key must be an EC P-256 (prime256v1) key for ES256. ${HOW_TO}`)
  }
  return { pem, ephemeral: false }
}
