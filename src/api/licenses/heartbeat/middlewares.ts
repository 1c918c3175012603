import type { MiddlewareRoute } from "@medusajs/framework/http"
import { readLicenseRequestBody } from "../read-body"
import { validateBody } from "../validate"
import { HeartbeatRequestSchema } from "./validators"

/** POST /licenses/heartbeat: the Verify API's strict body reader, then zod (fingerprint required). */
export const heartbeatMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/licenses/heartbeat",
    methods: ["POST"],
    bodyParser: false,
    middlewares: [readLicenseRequestBody, validateBody(HeartbeatRequestSchema)],
  },
]
