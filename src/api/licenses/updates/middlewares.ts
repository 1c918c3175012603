import type { MedusaNextFunction, MedusaRequest, MedusaResponse, MiddlewareRoute } from "@medusajs/framework/http"
import { readLicenseRequestBody } from "../read-body"
import { validateBody } from "../validate"
import { UpdateCheckSchema, WordPressUpdateSchema } from "./validators"

/** GET /licenses/updates/wordpress: the query string is the request (WordPress updaters send either). */
function queryAsBody(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  req.body = Object.fromEntries(Object.entries(req.query).filter(([, value]) => typeof value === "string"))
  next()
}

/** The update check beside the Verify API: the same strict body reader, then zod. */
export const updateCheckMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/licenses/updates",
    methods: ["POST"],
    bodyParser: false,
    middlewares: [readLicenseRequestBody, validateBody(UpdateCheckSchema)],
  },
  {
    matcher: "/licenses/updates/wordpress",
    methods: ["POST"],
    bodyParser: false,
    middlewares: [readLicenseRequestBody, validateBody(WordPressUpdateSchema)],
  },
  {
    matcher: "/licenses/updates/wordpress",
    methods: ["GET"],
    middlewares: [queryAsBody, validateBody(WordPressUpdateSchema)],
  },
]
