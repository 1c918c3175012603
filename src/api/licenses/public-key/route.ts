import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { LICENSE_MODULE } from "../../../modules/license"
import type LicenseModuleService from "../../../modules/license/service"

export const AUTHENTICATE = false

/**
 * GET /licenses/public-key: the key that verifies answer signatures.
 * JSON with `pem` and `jwk` by default; `?format=pem` gives the bare PEM,
 * `?format=jwks` a JWK Set.
 */
export async function GET(req: MedusaRequest, res: MedusaResponse) {
  const key = req.scope.resolve<LicenseModuleService>(LICENSE_MODULE).getVerifyPublicKey()
  res.setHeader("Cache-Control", "public, max-age=300")
  const format = typeof req.query.format === "string" ? req.query.format : "json"
  if (format === "pem") {
    res.type("application/x-pem-file").send(key.pem)
    return
  }
  if (format === "jwks") {
    res.json({ keys: [key.jwk] })
    return
  }
  res.json(key)
}
