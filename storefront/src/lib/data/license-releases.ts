"use server"

import { sdk } from "@lib/config"
import type { StoreLicenseReleasesResponse } from "@modules/licenses/types"
import { getAuthHeaders } from "./cookies"

/**
 * The releases the customer's license may install, newest first, each with a signed download
 * link that lives about ten minutes: never cached, so a rendered page always carries fresh links;
 * `locked`: the ones it would get but for an entitlement it lacks (no link).
 */
export async function listLicenseReleases(id: string): Promise<Pick<StoreLicenseReleasesResponse, "releases" | "locked">> {
  return sdk.client
    .fetch<StoreLicenseReleasesResponse>(`/store/customers/me/licenses/${encodeURIComponent(id)}/releases`, {
      method: "GET",
      headers: await getAuthHeaders(),
      cache: "no-store",
    })
    .then(({ releases, locked }) => ({ releases, locked: locked ?? [] }))
    .catch((error: { status?: number }) => {
      if (error?.status === 404) return { releases: [], locked: [] }
      throw error
    })
}
