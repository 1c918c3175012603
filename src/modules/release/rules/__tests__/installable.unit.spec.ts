import type { VersionPolicy } from "../../../license/rules/version-gate"
import { decideUpdate, holdsRequiredEntitlement, partitionReleases, type ReleaseCandidate } from "../installable"
import { channelIncludes, compareReleasesNewestFirst, releaseVersion } from "../release-version"

const OFF: VersionPolicy = { mode: "off", pinned: null, range: null }
let n = 0
const release = (version: string, over: Partial<ReleaseCandidate> = {}): ReleaseCandidate => ({
  id: `r${++n}`,
  version,
  channel: "stable",
  status: "published",
  published_at: new Date("2026-06-01T00:00:00Z"),
  ...over,
})
const versions = (list: ReleaseCandidate[]) => list.map((r) => r.version)

describe("release rules", () => {
  it("orders by semver, not by text: 1.10.0 above 1.9.0, a pre-release just below its release", () => {
    const list = ["1.9.0", "1.10.0", "2.0.0-beta.2", "2.0.0", "2.0.0-beta.10", "1.2.0"].map((v) => release(v))
    expect(versions([...list].sort(compareReleasesNewestFirst))).toEqual(["2.0.0", "2.0.0-beta.10", "2.0.0-beta.2", "1.10.0", "1.9.0", "1.2.0"])
  })

  it("normalises versions like the Verify API and refuses what is not semver", () => {
    expect(releaseVersion("v1.2")).toBe("1.2.0")
    expect(releaseVersion("1.2.3+build.5")).toBe("1.2.3")
    expect(releaseVersion("01.2.3")).toBeNull()
    expect(releaseVersion("latest")).toBeNull()
  })

  it("a key sees stable unless it asks for beta (beta + stable) or alpha (all)", () => {
    expect(channelIncludes("stable", "beta")).toBe(false)
    expect(channelIncludes("beta", "stable")).toBe(true)
    expect(channelIncludes("beta", "alpha")).toBe(false)
    expect(channelIncludes("alpha", "beta")).toBe(true)
    const list = [release("1.0.0"), release("1.1.0-beta.1", { channel: "beta" }), release("1.2.0-alpha.1", { channel: "alpha" })]
    expect(versions(partitionReleases(list, { channel: "stable", versionGate: OFF }).installable)).toEqual(["1.0.0"])
    expect(versions(partitionReleases(list, { channel: "beta", versionGate: OFF }).installable)).toEqual(["1.1.0-beta.1", "1.0.0"])
    expect(versions(partitionReleases(list, { channel: "alpha", versionGate: OFF }).installable)).toEqual(["1.2.0-alpha.1", "1.1.0-beta.1", "1.0.0"])
  })

  it("never offers a draft or a yanked release, even when it is the newest", () => {
    const list = [release("1.0.0"), release("3.0.0", { status: "draft", published_at: null }), release("2.0.0", { status: "yanked" })]
    expect(versions(partitionReleases(list, { channel: "alpha", versionGate: OFF }).installable)).toEqual(["1.0.0"])
    expect(decideUpdate(list, { channel: "stable", versionGate: OFF }, "1.0.0")).toEqual({ type: "up_to_date", latest: list[0], locked: null })
  })

  it("keeps to the license's version gate: a 1.x key is offered 1.9.0, not 2.0.0; a pinned key only its pin", () => {
    const list = [release("1.5.0"), release("1.9.0"), release("2.0.0")]
    const range: VersionPolicy = { mode: "range", pinned: null, range: "1.x" }
    expect(decideUpdate(list, { channel: "stable", versionGate: range }, "1.5.0")).toMatchObject({ type: "update", release: { version: "1.9.0" } })
    const pinned: VersionPolicy = { mode: "pinned", pinned: "1.5.0", range: null }
    expect(decideUpdate(list, { channel: "stable", versionGate: pinned }, "1.5.0")).toMatchObject({ type: "up_to_date", latest: { version: "1.5.0" } })
  })

  it("with a maintain_access cut-off offers only releases published no later than it", () => {
    const list = [
      release("1.0.0", { published_at: new Date("2026-01-01T00:00:00Z") }),
      release("1.1.0", { published_at: new Date("2026-03-01T00:00:00Z") }),
      release("1.2.0", { published_at: new Date("2026-05-01T00:00:00Z") }),
    ]
    const scope = { channel: "stable" as const, versionGate: OFF, publishedBefore: new Date("2026-03-01T00:00:00Z") }
    expect(decideUpdate(list, scope, "1.0.0")).toMatchObject({ type: "update", release: { version: "1.1.0" } })
    expect(decideUpdate(list, { ...scope, publishedBefore: null }, "1.0.0")).toMatchObject({ type: "update", release: { version: "1.2.0" } })
  })

  it("answers up_to_date for the newest version or a newer build, and an update for a version that is not semver", () => {
    const list = [release("1.0.0"), release("1.2.0")]
    const scope = { channel: "stable" as const, versionGate: OFF }
    expect(decideUpdate(list, scope, "1.2.0").type).toBe("up_to_date")
    expect(decideUpdate(list, scope, "v1.2").type).toBe("up_to_date")
    expect(decideUpdate(list, scope, "1.3.0-dev").type).toBe("up_to_date")
    expect(decideUpdate(list, scope, "1.1.9")).toMatchObject({ type: "update", release: { version: "1.2.0" } })
    expect(decideUpdate(list, scope, "garbage")).toMatchObject({ type: "update", release: { version: "1.2.0" } })
    expect(decideUpdate([], scope, "1.0.0")).toEqual({ type: "up_to_date", latest: null, locked: null })
  })

  it("a release that requires an entitlement is installable only by a key holding it; the newest one above the offer is named locked", () => {
    const list = [release("1.0.0"), release("1.1.0"), release("2.0.0", { required_entitlement: "pro" }), release("1.5.0", { required_entitlement: "sso" })]
    const scope = { channel: "stable" as const, versionGate: OFF }
    expect(holdsRequiredEntitlement({ required_entitlement: null }, null)).toBe(true)
    expect(holdsRequiredEntitlement({ required_entitlement: "pro" }, undefined)).toBe(false)
    expect(holdsRequiredEntitlement({ required_entitlement: "pro" }, ["sso", "pro"])).toBe(true)
    // No codes (or none given at all): the free ones only; the newest locked one (2.0.0) is the hint.
    expect(decideUpdate(list, scope, "1.0.0")).toMatchObject({ type: "update", release: { version: "1.1.0" }, locked: { version: "2.0.0" } })
    expect(decideUpdate(list, { ...scope, entitlements: ["sso"] }, "1.0.0")).toMatchObject({ type: "update", release: { version: "1.5.0" }, locked: { version: "2.0.0" } })
    expect(decideUpdate(list, { ...scope, entitlements: ["pro"] }, "1.0.0")).toMatchObject({ type: "update", release: { version: "2.0.0" }, locked: null })
    // Up to date on 1.1.0: still told about 2.0.0; already running 2.0.0 (installed some other way): nothing locked above it.
    expect(decideUpdate(list, scope, "1.1.0")).toMatchObject({ type: "up_to_date", latest: { version: "1.1.0" }, locked: { version: "2.0.0" } })
    expect(decideUpdate(list, scope, "2.0.0")).toMatchObject({ type: "up_to_date", locked: null })
    // Only locked releases: nothing to offer, the hint still comes.
    expect(decideUpdate([release("3.0.0", { required_entitlement: "pro" })], scope, null)).toMatchObject({ type: "up_to_date", latest: null, locked: { version: "3.0.0" } })
    const parts = partitionReleases(list, { ...scope, entitlements: ["sso"] })
    expect([versions(parts.installable), versions(parts.locked)]).toEqual([["1.5.0", "1.1.0", "1.0.0"], ["2.0.0"]])
    // The version gate and cut-off still apply to the locked list: a 1.x key is not told about 2.0.0.
    const range: VersionPolicy = { mode: "range", pinned: null, range: "1.x" }
    expect(decideUpdate(list, { ...scope, versionGate: range }, "1.0.0")).toMatchObject({ release: { version: "1.1.0" }, locked: { version: "1.5.0" } })
  })
})
