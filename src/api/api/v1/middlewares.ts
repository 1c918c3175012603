import type { MiddlewareRoute } from "@medusajs/framework/http"
import { readLicenseRequestBody } from "../../licenses/read-body"
import { validateBody } from "../../licenses/validate"
import { KeyPortValidateSchema } from "./validators"

/** The KeyPort-compatible API's body: the Verify API's strict reader and validator. */
export const keyPortMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/api/v1/validate",
    methods: ["POST"],
    bodyParser: false,
    middlewares: [readLicenseRequestBody, validateBody(KeyPortValidateSchema)],
  },
]
