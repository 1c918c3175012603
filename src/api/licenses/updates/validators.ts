import { z } from "@medusajs/framework/zod"
import { LicenseRequestSchema } from "../validators"

const channel = z.enum(["stable", "beta", "alpha"]).nullish()

/** POST /licenses/updates: a verify request with the installed version (required) and an optional channel. */
export const UpdateCheckSchema = LicenseRequestSchema.extend({
  version: z.string().min(1).max(64),
  channel,
})
export type UpdateCheckRequest = z.infer<typeof UpdateCheckSchema>

const flag = z.union([z.boolean(), z.string().max(8)]).nullish()

/**
 * /licenses/updates/wordpress (GET query or POST form/JSON): the fields EDD Software Licensing's
 * updater sends (`license`, `url`, `version`, `slug`, `beta`) or the update check's own names.
 */
export const WordPressUpdateSchema = z
  .object({
    license_key: z.string().min(1).max(512).nullish(),
    license: z.string().min(1).max(512).nullish(),
    domain: z.string().max(1024).nullish(),
    url: z.string().max(1024).nullish(),
    version: z.string().min(1).max(64),
    channel,
    beta: flag,
    slug: z.string().max(200).nullish(),
    product_id: z.string().max(255).nullish(),
    variant_id: z.string().max(255).nullish(),
  })
  .transform((body, ctx) => {
    const license_key = body.license_key ?? body.license
    if (!license_key) {
      ctx.addIssue({ code: "custom", path: ["license_key"], message: "license_key is required" })
      return z.NEVER
    }
    const beta = body.beta === true || (typeof body.beta === "string" && ["1", "true", "yes", "on"].includes(body.beta.toLowerCase()))
    return {
      license_key,
      domain: body.domain ?? body.url ?? null,
      version: body.version,
      channel: body.channel ?? (beta ? ("beta" as const) : null),
      slug: body.slug ?? null,
      product_id: body.product_id ?? null,
      variant_id: body.variant_id ?? null,
    }
  })
export type WordPressUpdateRequest = z.infer<typeof WordPressUpdateSchema>
