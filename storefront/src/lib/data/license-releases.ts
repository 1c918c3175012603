"use server"

import { sdk } from "@lib/config"
import type { StoreLicenseRelease, StoreLicenseReleasesResponse } from "@modules/licenses/types"
import { getAuthHeaders } from "./cookies"

/**
 * The releases the customer's license may install, newest first, each with a signed download
 * link that lives about ten minutes: never cached, so a rendered page always carries fresh links.
 */
export async function listLicenseReleases(id: string): Promise<StoreLicenseRelease[]> {
  return sdk.client
    .fetch<StoreLicenseReleasesResponse>(`/store/customers/me/licenses/${encodeURIComponent(id)}/releases`, {
      method: "GET",
      headers: await getAuthHeaders(),
      cache: "no-store",
    })
    .then(({ releases }) => releases)
    .catch((error: { status?: number }) => {
      if (error?.status === 404) return []
      throw error
    })
}
