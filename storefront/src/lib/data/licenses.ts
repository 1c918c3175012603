"use server"

import { sdk } from "@lib/config"
import type {
  LicenseActionResult,
  StoreFreeActivationResponse,
  StoreLicense,
  StoreLicenseClaimResponse,
  StoreLicenseDetail,
  StoreLicenseListResponse,
  StoreLicenseResponse,
  StoreLicenseTransfer,
  StoreLicenseTransferResponse,
} from "@modules/licenses/types"
import { revalidateTag } from "next/cache"
import { getAuthHeaders, getCacheOptions, getCacheTag } from "./cookies"

// Account -> Licenses: the store API of the license-keys plugin, called from the
// server with the customer's `_medusa_jwt` cookie, like the starter's orders.ts.
//
// Reads carry the "licenses" cache tag (scoped to the browser by
// `_medusa_cache_id`) and every mutation below revalidates it, so the customer's
// own actions show at once. Unlike orders, a license also changes outside the
// storefront (a site activating a slot through the Verify API), so a cached read
// is kept at most LICENSES_REVALIDATE_SECONDS.

const BASE = "/store/customers/me/licenses"
const TAG = "licenses"
const LICENSES_REVALIDATE_SECONDS = 10

const path = (...parts: string[]) => [BASE, ...parts.map(encodeURIComponent)].join("/")

async function readOptions() {
  return {
    headers: await getAuthHeaders(),
    next: { ...(await getCacheOptions(TAG)), revalidate: LICENSES_REVALIDATE_SECONDS },
    cache: "force-cache" as const,
  }
}

async function revalidateLicenses() {
  const tag = await getCacheTag(TAG)
  if (tag) revalidateTag(tag)
}

/** The server's `{ code, message }` of a refusal, for the page to show. */
function refusal(error: unknown): LicenseActionResult {
  const e = error as { message?: string; status?: number; code?: string; type?: string } | null
  if (e?.status === 401) return { ok: false, error: "Your session has expired. Please log in again.", code: "unauthorized" }
  return { ok: false, error: e?.message || "Something went wrong. Please try again.", code: e?.code ?? e?.type }
}

export async function listLicenses(limit = 50, offset = 0): Promise<{ licenses: StoreLicense[]; count: number }> {
  const { licenses, count } = await sdk.client.fetch<StoreLicenseListResponse>(BASE, {
    method: "GET",
    query: { limit, offset },
    ...(await readOptions()),
  })
  return { licenses, count }
}

/** The license with its held slots, or null when it is not the customer's (the API answers 404). */
export async function retrieveLicense(id: string): Promise<StoreLicenseDetail | null> {
  return sdk.client
    .fetch<StoreLicenseResponse>(path(id), { method: "GET", ...(await readOptions()) })
    .then(({ license }) => license)
    .catch((error: { status?: number }) => {
      if (error?.status === 404) return null
      throw error
    })
}

/** The customer's latest transfer request of the license, or null. */
export async function retrieveLicenseTransfer(id: string): Promise<StoreLicenseTransfer | null> {
  const { transfer } = await sdk.client.fetch<StoreLicenseTransferResponse>(path(id, "transfer"), {
    method: "GET",
    ...(await readOptions()),
  })
  return transfer
}

/** "Free this slot": releases one activation (the store's cool-down and budget apply). */
export async function freeLicenseSlot(licenseId: string, activationId: string): Promise<LicenseActionResult> {
  try {
    await sdk.client.fetch<StoreFreeActivationResponse>(path(licenseId, "activations", activationId), {
      method: "DELETE",
      headers: await getAuthHeaders(),
    })
  } catch (error) {
    return refusal(error)
  } finally {
    await revalidateLicenses()
  }
  return { ok: true }
}

/** Asks the store to move the license to `email` (an admin approves; the recipient gets a claim link). */
export async function requestLicenseTransfer(licenseId: string, email: string): Promise<LicenseActionResult> {
  try {
    await sdk.client.fetch<StoreLicenseTransferResponse>(path(licenseId, "transfer"), {
      method: "POST",
      body: { email },
      headers: await getAuthHeaders(),
    })
  } catch (error) {
    return refusal(error)
  } finally {
    await revalidateLicenses()
  }
  return { ok: true }
}

/** Withdraws the pending transfer request. */
export async function withdrawLicenseTransfer(licenseId: string): Promise<LicenseActionResult> {
  try {
    await sdk.client.fetch<StoreLicenseTransferResponse>(path(licenseId, "transfer"), {
      method: "DELETE",
      headers: await getAuthHeaders(),
    })
  } catch (error) {
    return refusal(error)
  } finally {
    await revalidateLicenses()
  }
  return { ok: true }
}

/** Redeems a transfer's claim link: the token goes in the body, never in a URL the server logs. */
export async function redeemLicenseClaim(token: string): Promise<LicenseActionResult & { licenseId?: string }> {
  try {
    const { license_id } = await sdk.client.fetch<StoreLicenseClaimResponse>("/store/customers/me/license-claims", {
      method: "POST",
      body: { token },
      headers: await getAuthHeaders(),
    })
    await revalidateLicenses()
    return { ok: true, licenseId: license_id }
  } catch (error) {
    return refusal(error)
  }
}

/**
 * "Offline activation": uploads an air-gapped machine's activation request file and returns the
 * license file to download (docs/entitlements-and-license-files.md), or why there is none.
 */
export async function activateOffline(
  licenseId: string,
  activationRequest: string,
  encrypt: boolean
): Promise<{ ok: true; file: string } | { ok: false; error: string; code?: string }> {
  try {
    const answer = await sdk.client.fetch<{ valid: boolean; code: string; message: string; license_file: unknown }>(
      path(licenseId, "offline-activation"),
      { method: "POST", body: { activation_request: activationRequest, encrypt }, headers: await getAuthHeaders() }
    )
    if (!answer.valid || !answer.license_file) {
      return { ok: false, error: answer.message, code: answer.code }
    }
    return { ok: true, file: typeof answer.license_file === "string" ? answer.license_file : JSON.stringify(answer.license_file) }
  } catch (error) {
    return refusal(error) as { ok: false; error: string; code?: string }
  } finally {
    await revalidateLicenses()
  }
}
