import type { MedusaRequest } from "@medusajs/framework/http"

/**
 * What the License Module needs to know who is calling: the socket address and
 * the X-Forwarded-For chain (it trusts only the configured proxy hops) and the
 * Authorization header (a product API key).
 */
export const callerOf = (req: MedusaRequest) => ({
  remote_address: req.socket.remoteAddress,
  forwarded_for: req.headers["x-forwarded-for"],
  authorization: req.headers.authorization,
})
