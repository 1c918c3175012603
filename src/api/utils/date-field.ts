import { z } from "@medusajs/framework/zod"

/** The dates the plugin's routes accept: from the Unix epoch to the end of year 9999 (UTC). */
export const EARLIEST_DATE = new Date("1970-01-01T00:00:00.000Z")
export const LATEST_DATE = new Date("9999-12-31T23:59:59.999Z")

/**
 * A date field of a request: an ISO 8601 string (what JSON carries) between
 * 1970-01-01 and 9999-12-31. Numbers and booleans are refused (z.coerce.date
 * alone takes `true` for 1970-01-01T00:00:00.001Z), and so are dates
 * PostgreSQL cannot store. Every validator that takes a date uses this.
 */
export const dateField = () =>
  z
    .string()
    .max(64)
    .pipe(
      z.coerce
        .date<string>({ error: "must be a date (ISO 8601, e.g. 2027-01-31T00:00:00Z)" })
        .min(EARLIEST_DATE, { error: "must be 1970-01-01 or later" })
        .max(LATEST_DATE, { error: "must be 9999-12-31 or earlier" })
    )
