// Secrets for local development and tests. `npm run dev` generates them once and
// keeps them in .data/secrets.json so keys issued yesterday still verify today;
// the test runner makes throw-away ones. Production must set them explicitly.
import crypto from "node:crypto"
import fs from "node:fs"
import path from "node:path"

export function generateSecrets() {
  const { privateKey } = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" })
  return {
    LICENSE_KEY_SECRET: crypto.randomBytes(32).toString("hex"),
    LICENSE_SIGNING_PRIVATE_KEY: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    JWT_SECRET: crypto.randomBytes(32).toString("hex"),
    COOKIE_SECRET: crypto.randomBytes(32).toString("hex"),
  }
}

/** Reads the secrets kept in `file`, adding any that are missing. */
export function loadOrCreateSecrets(file) {
  const existing = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : {}
  const fresh = generateSecrets()
  const secrets = { ...fresh, ...existing }
  if (Object.keys(existing).length !== Object.keys(secrets).length) {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 })
  }
  return secrets
}

/** Environment values win over generated ones, so an operator can override any. */
export function withSecrets(env, secrets) {
  const merged = { ...env }
  for (const [name, value] of Object.entries(secrets)) {
    if (!merged[name]) merged[name] = value
  }
  return merged
}
