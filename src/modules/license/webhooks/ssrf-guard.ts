import { lookup as dnsLookup } from "node:dns/promises"
import { isIP } from "node:net"
import { isPublicAddress } from "./address-class"

/**
 * Keeps webhooks from becoming a request forgery against the store's own
 * network: only http(s) URLs, and every address a host name resolves to must be
 * public (global unicast, classified by ipaddr.js in ./address-class.ts):
 * everything else is refused unless the store allows private networks.
 * The check runs when an endpoint is saved and again at every send, on the very
 * address the socket connects to (see `guardedLookup`), so a DNS answer that
 * changes after registration (DNS rebinding) is refused too.
 */

export { isPublicAddress }

export class WebhookUrlError extends Error {}

/** Parses a webhook URL: http(s) only, with a host; throws WebhookUrlError otherwise. */
export function parseWebhookUrl(input: string): URL {
  let url: URL
  try {
    url = new URL(input)
  } catch {
    throw new WebhookUrlError("The webhook URL is not a valid URL.")
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new WebhookUrlError("The webhook URL must start with http:// or https://.")
  }
  if (!url.hostname) {
    throw new WebhookUrlError("The webhook URL has no host.")
  }
  return url
}

export type ResolvedAddress = { address: string; family: number }

export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>

const systemResolver: Resolver = async (hostname) => await dnsLookup(hostname, { all: true, verbatim: true })

/**
 * Resolves a URL's host (or takes its literal IP) and checks every address.
 * Returns the addresses; throws WebhookUrlError naming the first refused one.
 */
export async function resolveWebhookHost(
  url: URL,
  allowPrivateNetworks: boolean,
  resolve: Resolver = systemResolver
): Promise<ResolvedAddress[]> {
  const host = url.hostname.replace(/^\[|\]$/g, "")
  let addresses: ResolvedAddress[]
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) }]
  } else {
    try {
      addresses = await resolve(host)
    } catch {
      throw new WebhookUrlError(`The host name ${host} does not resolve.`)
    }
    if (!addresses.length) {
      throw new WebhookUrlError(`The host name ${host} does not resolve.`)
    }
  }
  if (!allowPrivateNetworks) {
    const bad = addresses.find((a) => !isPublicAddress(a.address))
    if (bad) {
      throw new WebhookUrlError(
        `The webhook URL points to a loopback, link-local or private address (${bad.address}); ` +
          "only public addresses are allowed unless the store sets webhooksAllowPrivateNetworks."
      )
    }
  }
  return addresses
}

/** Checks a webhook URL as the admin saves it: scheme, host, and every address its host resolves to. */
export async function assertSafeWebhookUrl(input: string, allowPrivateNetworks: boolean, resolve?: Resolver): Promise<URL> {
  const url = parseWebhookUrl(input)
  await resolveWebhookHost(url, allowPrivateNetworks, resolve)
  return url
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | ResolvedAddress[], family?: number) => void

/**
 * A `lookup` for http.request: resolves the host, refuses it when any address is
 * refused, and hands the socket the address it checked, so nothing can swap the
 * answer between the check and the connection.
 */
export function guardedLookup(allowPrivateNetworks: boolean, resolve: Resolver = systemResolver) {
  return (hostname: string, options: { all?: boolean } | number | undefined, callback: LookupCallback) => {
    const all = typeof options === "object" && options !== null && !!options.all
    resolveWebhookHost(new URL(`http://${hostname.includes(":") ? `[${hostname}]` : hostname}`), allowPrivateNetworks, resolve)
      .then((addresses) => {
        if (all) {
          callback(null, addresses)
        } else {
          callback(null, addresses[0].address, addresses[0].family)
        }
      })
      .catch((error: Error) => {
        const failure = error as NodeJS.ErrnoException
        failure.code = failure.code ?? "EWEBHOOKADDRESS"
        callback(failure, "", 0)
      })
  }
}
