import { cookies as nextCookies } from "next/headers"

// The cookies of Medusa's Next.js starter: `_medusa_jwt` (the customer's token,
// httpOnly: the browser's scripts never see it), `_medusa_cart_id`, and
// `_medusa_cache_id` (set by src/middleware.ts; scopes cache tags to one browser).

export async function getAuthHeaders(): Promise<{ authorization: string } | Record<string, never>> {
  try {
    const token = (await nextCookies()).get("_medusa_jwt")?.value
    return token ? { authorization: `Bearer ${token}` } : {}
  } catch {
    return {}
  }
}

export async function getCacheTag(tag: string): Promise<string> {
  try {
    const cacheId = (await nextCookies()).get("_medusa_cache_id")?.value
    return cacheId ? `${tag}-${cacheId}` : ""
  } catch {
    return ""
  }
}

export async function getCacheOptions(tag: string): Promise<{ tags: string[] } | Record<string, never>> {
  if (typeof window !== "undefined") return {}
  const cacheTag = await getCacheTag(tag)
  return cacheTag ? { tags: [cacheTag] } : {}
}

const cookieOptions = {
  maxAge: 60 * 60 * 24 * 7,
  httpOnly: true,
  sameSite: "strict" as const,
  secure: process.env.NODE_ENV === "production",
}

export async function setAuthToken(token: string) {
  ;(await nextCookies()).set("_medusa_jwt", token, cookieOptions)
}

export async function removeAuthToken() {
  ;(await nextCookies()).set("_medusa_jwt", "", { maxAge: -1 })
}

export async function getCartId() {
  return (await nextCookies()).get("_medusa_cart_id")?.value
}

export async function setCartId(cartId: string) {
  ;(await nextCookies()).set("_medusa_cart_id", cartId, cookieOptions)
}

export async function removeCartId() {
  ;(await nextCookies()).set("_medusa_cart_id", "", { maxAge: -1 })
}
