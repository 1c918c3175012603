import { PROXY_HEADER_WARNING, ProxyHeaderWarning } from "../proxy-warning"

describe("ProxyHeaderWarning", () => {
  const logger = () => ({ warn: jest.fn<void, [string]>() })

  it("warns once, for many requests carrying X-Forwarded-For, when no proxy hop is trusted", () => {
    const log = logger()
    const warning = new ProxyHeaderWarning(0, log)
    for (let i = 0; i < 1000; i++) {
      warning.note(i % 2 ? "203.0.113.7" : ["198.51.100.1, 10.0.0.2"])
    }
    expect(log.warn).toHaveBeenCalledTimes(1)
    expect(log.warn).toHaveBeenCalledWith(PROXY_HEADER_WARNING)
    expect(PROXY_HEADER_WARNING).toContain("trustedProxyHops")
    expect(PROXY_HEADER_WARNING).toContain("LICENSE_TRUSTED_PROXY_HOPS")
  })

  it("never warns without the header", () => {
    const log = logger()
    const warning = new ProxyHeaderWarning(0, log)
    for (const header of [undefined, null, "", []]) {
      warning.note(header)
    }
    expect(log.warn).not.toHaveBeenCalled()
    warning.note("203.0.113.7")
    expect(log.warn).toHaveBeenCalledTimes(1)
  })

  it("never warns when proxy hops are trusted", () => {
    const log = logger()
    const warning = new ProxyHeaderWarning(1, log)
    for (let i = 0; i < 100; i++) {
      warning.note("203.0.113.7, 10.0.0.2")
    }
    expect(log.warn).not.toHaveBeenCalled()
  })
})
