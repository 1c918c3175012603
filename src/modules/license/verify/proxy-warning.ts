export const PROXY_HEADER_WARNING =
  "License keys: Verify API requests carry X-Forwarded-For, but trustedProxyHops is 0, so the plugin " +
  "identifies every caller by the socket address. Behind a reverse proxy or load balancer that is the " +
  "proxy's address: all installations share one activation identity and one rate-limit budget, and a " +
  "few bad keys a minute from anyone answer 429 to every valid installation. Set the License Module " +
  "option trustedProxyHops (env LICENSE_TRUSTED_PROXY_HOPS in the example medusa-config.ts) to the number " +
  "of proxies in front of Medusa (README: \"Behind a proxy or load balancer\"). If no proxy is in front, " +
  "clients are sending the header themselves and it is rightly ignored. Logged once per process."

/**
 * Warns once per process when a Verify request carries X-Forwarded-For while no
 * proxy hop is trusted: the sign of a proxy the store forgot to declare. After
 * the warning (or from the start, when hops are trusted) `note` is one boolean test.
 */
export class ProxyHeaderWarning {
  private done: boolean

  constructor(
    trustedProxyHops: number,
    private readonly logger: { warn(message: string): void }
  ) {
    this.done = trustedProxyHops > 0
  }

  note(forwardedFor: string | string[] | null | undefined): void {
    if (this.done || !forwardedFor || !forwardedFor.length) {
      return
    }
    this.done = true
    this.logger.warn(PROXY_HEADER_WARNING)
  }
}
