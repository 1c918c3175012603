import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { once } from "node:events"
import { LICENSE_MODULE } from "../../../../modules/license"
import type LicenseModuleService from "../../../../modules/license/service"
import type { AdminExportLicensesQuery } from "../../validators"
import { csvLine, LICENSE_CSV_COLUMNS, licenseCsvLine } from "./csv"

// 50 rows a batch: a batch's rows then die young. With 500, each batch's rows outlived a few young-generation
// collections while the answer was parsed and written, were promoted, and the server's RSS grew by ~530 MB over a
// 1,000,000-row export before a full collection; with 50 it grows by ~25 MB (docs/performance.md "CSV export").
const BATCH_SIZE = 50

/**
 * The licenses matching the list filters as CSV, streamed: read in keyset
 * batches and written as they come (chunked transfer), so any number of rows
 * costs one batch of memory, and a slow client slows the reads down.
 */
export async function GET(req: AuthenticatedMedusaRequest<unknown, AdminExportLicensesQuery>, res: MedusaResponse) {
  const licenseModule: LicenseModuleService = req.scope.resolve(LICENSE_MODULE)
  const search = req.validatedQuery as AdminExportLicensesQuery
  const now = new Date()
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, "").replace("T", "-")

  res.status(200)
  res.setHeader("Content-Type", "text/csv; charset=utf-8")
  res.setHeader("Content-Disposition", `attachment; filename="licenses-${stamp}.csv"`)
  res.setHeader("Cache-Control", "no-store")
  res.setHeader("X-Accel-Buffering", "no")

  let closed = false
  res.on("close", () => {
    closed = true
  })
  const write = async (chunk: string) => {
    if (!res.write(chunk)) {
      // The listener that loses the race is removed too: a million-row export waits for "drain" thousands of times.
      const waited = new AbortController()
      try {
        await Promise.race([once(res, "drain", { signal: waited.signal }), once(res, "close", { signal: waited.signal })])
      } finally {
        waited.abort()
      }
    }
  }

  try {
    await write(csvLine([...LICENSE_CSV_COLUMNS]))
    let after: string | null = null
    while (!closed) {
      const batch = await licenseModule.listLicensesForExport(search, after, BATCH_SIZE, now)
      if (!batch.length) {
        break
      }
      await write(batch.map((license) => licenseCsvLine(license, licenseModule.revealKey(license), now)).join(""))
      after = batch[batch.length - 1].id
      if (batch.length < BATCH_SIZE) {
        break
      }
    }
    res.end()
  } catch (error) {
    // The status line is gone already: cut the download short so that a
    // partial file is not mistaken for a complete one.
    req.scope.resolve(ContainerRegistrationKeys.LOGGER).error(`License export failed: ${(error as Error).message}`)
    res.destroy(error as Error)
  }
}
