import { z } from "@medusajs/framework/zod"

const text = (max: number) => z.string().max(max)
/** A WordPress version field ("6.4", "8.1"): short, printable. */
const wpVersion = z
  .string()
  .trim()
  .max(20)
  .regex(/^[0-9A-Za-z.+-]*$/, "must be a version such as 6.4")
  .transform((value) => (value === "" ? null : value))

const releaseDetails = {
  // Multipart text arrives with CRLF line ends (the form encoding): stored with LF.
  changelog: text(100_000)
    .transform((value) => value.replace(/\r\n/g, "\n"))
    .nullish(),
  wp_requires: wpVersion.nullish(),
  wp_tested: wpVersion.nullish(),
  wp_requires_php: wpVersion.nullish(),
  // An entitlement code a key must hold to get the release; empty: none. Its shape is checked by the module (400 invalid_entitlement).
  required_entitlement: z
    .string()
    .trim()
    .max(200)
    .transform((value) => (value === "" ? null : value))
    .nullish(),
}

/** The text fields of the multipart upload (POST /admin/products/:id/releases); the version and channel are checked by the module. */
export const AdminCreateRelease = z.strictObject({
  version: z.string().trim().min(1).max(64),
  channel: z.string().trim().max(16).optional(),
  ...releaseDetails,
})
export type AdminCreateRelease = z.infer<typeof AdminCreateRelease>

/** POST /admin/products/:id/releases/:release_id: the changelog, WordPress metadata and required entitlement; a draft's version and channel (checked by the module). */
export const AdminUpdateRelease = z.strictObject({
  ...releaseDetails,
  version: z.string().trim().min(1).max(64).optional(),
  channel: z.string().trim().max(16).optional(),
})
export type AdminUpdateRelease = z.infer<typeof AdminUpdateRelease>
