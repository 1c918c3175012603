"use server"

import { sdk } from "@lib/config"
import { errorMessage } from "@lib/util/error-message"
import type { HttpTypes } from "@medusajs/types"
import { revalidateTag } from "next/cache"
import { redirect } from "next/navigation"
import { getAuthHeaders, getCacheOptions, getCacheTag, getCartId, removeAuthToken, removeCartId, setAuthToken } from "./cookies"

// Log-in, sign-up and the logged-in customer, as the starter's customer.ts does
// them. The auth routes are called through sdk.client.fetch, so no token is ever
// kept in the SDK instance the server shares between visitors.

async function authenticate(path: "register" | "login", email: string, password: string): Promise<string> {
  const url = path === "register" ? "/auth/customer/emailpass/register" : "/auth/customer/emailpass"
  const { token } = await sdk.client.fetch<{ token: string }>(url, { method: "POST", body: { email, password } })
  return token
}

export async function retrieveCustomer(): Promise<HttpTypes.StoreCustomer | null> {
  const headers = await getAuthHeaders()
  if (!("authorization" in headers)) return null
  return sdk.client
    .fetch<{ customer: HttpTypes.StoreCustomer }>("/store/customers/me", {
      method: "GET",
      headers,
      next: { ...(await getCacheOptions("customers")) },
      cache: "force-cache",
    })
    .then(({ customer }) => customer)
    .catch(() => null)
}

async function afterLogin(token: string) {
  await setAuthToken(token)
  revalidateTag(await getCacheTag("customers"))
  const cartId = await getCartId()
  if (cartId) {
    await sdk.store.cart.transferCart(cartId, {}, { authorization: `Bearer ${token}` }).catch(() => undefined)
    revalidateTag(await getCacheTag("carts"))
  }
}

export async function signup(_state: string | null, formData: FormData): Promise<string | null> {
  const email = String(formData.get("email") ?? "")
  const password = String(formData.get("password") ?? "")
  try {
    const registration = await authenticate("register", email, password)
    await sdk.store.customer.create(
      {
        email,
        first_name: String(formData.get("first_name") ?? "") || undefined,
        last_name: String(formData.get("last_name") ?? "") || undefined,
      },
      {},
      { authorization: `Bearer ${registration}` }
    )
    await afterLogin(await authenticate("login", email, password))
  } catch (error) {
    return errorMessage(error)
  }
  return null
}

export async function login(_state: string | null, formData: FormData): Promise<string | null> {
  try {
    const token = await authenticate("login", String(formData.get("email") ?? ""), String(formData.get("password") ?? ""))
    await afterLogin(token)
  } catch (error) {
    return errorMessage(error)
  }
  return null
}

export async function signout(countryCode: string) {
  await removeAuthToken()
  await removeCartId()
  revalidateTag(await getCacheTag("customers"))
  revalidateTag(await getCacheTag("carts"))
  redirect(`/${countryCode}/account`)
}

export type ProfileState = { error: string | null; saved: boolean }

/**
 * Account -> Profile: the customer's Discord ID, kept in the customer's
 * `metadata.discord_id` (the store refuses anything but 17-20 digits with a 400
 * `invalid_discord_id`; an empty field removes it). New license keys carry it.
 */
export async function updateDiscordId(_state: ProfileState, formData: FormData): Promise<ProfileState> {
  const headers = await getAuthHeaders()
  const discordId = String(formData.get("discord_id") ?? "").trim()
  try {
    await sdk.client.fetch("/store/customers/me", { method: "POST", headers, body: { metadata: { discord_id: discordId } } })
  } catch (error) {
    return { error: errorMessage(error), saved: false }
  }
  revalidateTag(await getCacheTag("customers"))
  return { error: null, saved: true }
}
