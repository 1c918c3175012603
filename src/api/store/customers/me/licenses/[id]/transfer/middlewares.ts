import { type MiddlewareRoute, validateAndTransformBody } from "@medusajs/framework/http"
import { StoreRequestLicenseTransfer } from "./validators"

/** The owner's transfer request (docs/transfers.md); Medusa requires a logged-in customer on /store/customers/me*. */
export const storeLicenseTransferMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/customers/me/licenses/:id/transfer",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(StoreRequestLicenseTransfer)],
  },
]
