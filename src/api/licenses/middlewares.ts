import type { MiddlewareRoute } from "@medusajs/framework/http"
import { readLicenseRequestBody } from "./read-body"
import { validateLicenseCheckout, validateLicenseLookup, validateLicenseRequest } from "./validate"
import { updateCheckMiddlewares } from "./updates/middlewares"
import { heartbeatMiddlewares } from "./heartbeat/middlewares"

/**
 * The public Verify API (outside /store: installed products have no
 * publishable key). Medusa's body parsers are replaced by a small strict one.
 */
export const licensesMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/licenses/verify",
    methods: ["POST"],
    bodyParser: false,
    middlewares: [readLicenseRequestBody, validateLicenseRequest],
  },
  {
    matcher: "/licenses/deactivate",
    methods: ["POST"],
    bodyParser: false,
    middlewares: [readLicenseRequestBody, validateLicenseRequest],
  },
  {
    matcher: "/licenses/checkout",
    methods: ["POST"],
    bodyParser: false,
    middlewares: [readLicenseRequestBody, validateLicenseCheckout],
  },
  {
    matcher: "/licenses/lookup",
    methods: ["POST"],
    bodyParser: false,
    middlewares: [readLicenseRequestBody, validateLicenseLookup],
  },
  // Heartbeats and floating seats (docs/verify-api.md)
  ...heartbeatMiddlewares,
  // Software delivery (docs/software-delivery.md)
  ...updateCheckMiddlewares,
]
