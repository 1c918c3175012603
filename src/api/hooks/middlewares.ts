import type { MiddlewareRoute } from "@medusajs/framework/http"

/**
 * Inbound webhooks. The Stripe signature is an HMAC of the exact bytes Stripe
 * sent, so the JSON parser keeps them in req.rawBody (as Medusa's own
 * /hooks/payment route does).
 */
export const hooksMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/hooks/licenses/stripe",
    methods: ["POST"],
    bodyParser: { preserveRawBody: true },
  },
]
