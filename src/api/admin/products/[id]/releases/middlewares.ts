import { type MiddlewareRoute, validateAndTransformBody } from "@medusajs/framework/http"
import { readReleaseUpload } from "./read-upload"
import { AdminUpdateRelease } from "./validators"

/** The product's Releases (docs/software-delivery.md): the upload reads its own multipart body. */
export const adminReleaseMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/products/:id/releases",
    methods: ["POST"],
    bodyParser: false,
    middlewares: [readReleaseUpload],
  },
  {
    matcher: "/admin/products/:id/releases/:release_id",
    methods: ["POST"],
    middlewares: [validateAndTransformBody(AdminUpdateRelease)],
  },
]
