import { defineMiddlewares } from "@medusajs/framework/http"
import { adminLicenseMiddlewares } from "./admin/middlewares"
import { licensesMiddlewares } from "./licenses/middlewares"

export default defineMiddlewares({
  routes: [...adminLicenseMiddlewares, ...licensesMiddlewares],
})
