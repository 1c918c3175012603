import { NextRequest, NextResponse } from "next/server"

// Like the starter's middleware: every page lives under /<countryCode>/, taken
// from the store's regions; a visitor without one in the URL is redirected to
// the default region's. It also sets `_medusa_cache_id`, which scopes the
// data functions' cache tags to one browser.
const BACKEND_URL = process.env.MEDUSA_BACKEND_URL || "http://localhost:9000"
const DEFAULT_REGION = process.env.NEXT_PUBLIC_DEFAULT_REGION || "us"

let countries: { codes: Set<string>; fetchedAt: number } | null = null

async function countryCodes(): Promise<Set<string>> {
  if (countries && countries.fetchedAt > Date.now() - 60 * 60 * 1000) return countries.codes
  const key = process.env.MEDUSA_PUBLISHABLE_KEY || process.env.NEXT_PUBLIC_MEDUSA_PUBLISHABLE_KEY || ""
  const response = await fetch(`${BACKEND_URL}/store/regions`, {
    headers: { "x-publishable-api-key": key },
    cache: "no-store",
  })
  const body = (await response.json()) as { regions?: { countries?: { iso_2?: string }[] }[]; message?: string }
  if (!response.ok) throw new Error(`Fetching the store's regions failed: ${body.message ?? response.status}`)
  const codes = new Set<string>()
  for (const region of body.regions ?? []) for (const c of region.countries ?? []) if (c.iso_2) codes.add(c.iso_2)
  if (codes.size) countries = { codes, fetchedAt: Date.now() }
  return codes
}

export async function middleware(request: NextRequest) {
  const codes = await countryCodes()
  const first = request.nextUrl.pathname.split("/")[1]?.toLowerCase() ?? ""
  const cacheId = request.cookies.get("_medusa_cache_id")?.value

  if (codes.has(first)) {
    const response = NextResponse.next()
    if (!cacheId) response.cookies.set("_medusa_cache_id", crypto.randomUUID(), { maxAge: 60 * 60 * 24 })
    return response
  }
  if (request.nextUrl.pathname.includes(".")) return NextResponse.next()

  const countryCode = codes.has(DEFAULT_REGION) ? DEFAULT_REGION : codes.values().next().value
  if (!countryCode) {
    return new NextResponse("No regions with countries are set up in the Medusa admin.", { status: 500 })
  }
  const path = request.nextUrl.pathname === "/" ? "" : request.nextUrl.pathname
  const response = NextResponse.redirect(`${request.nextUrl.origin}/${countryCode}${path}${request.nextUrl.search}`, 307)
  if (!cacheId) response.cookies.set("_medusa_cache_id", crypto.randomUUID(), { maxAge: 60 * 60 * 24 })
  return response
}

export const config = {
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico).*)"],
}
