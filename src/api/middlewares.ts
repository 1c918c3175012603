import { defineMiddlewares } from "@medusajs/framework/http"
import { adminLicenseMiddlewares } from "./admin/middlewares"
import { hooksMiddlewares } from "./hooks/middlewares"
import { licensesMiddlewares } from "./licenses/middlewares"
import { storeLicenseMiddlewares } from "./store/middlewares"

export default defineMiddlewares({
  routes: [...adminLicenseMiddlewares, ...licensesMiddlewares, ...storeLicenseMiddlewares, ...hooksMiddlewares],
})
