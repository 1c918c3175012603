import { configurationProblem, versionRuleParses } from "../configuration-errors"
import { suspensionKind } from "../suspension"
import { VerifyCode } from "../verify-answers"
import type { VersionPolicy } from "../version-gate"

const OFF: VersionPolicy = { mode: "off", pinned: null, range: null }
const fine = { requireApiKey: false, apiKeyHash: null, productDeleted: false, version: OFF }

describe("configurationProblem", () => {
  it("is null for a sound configuration, whatever the refusal", () => {
    for (const refusal of [null, VerifyCode.REVOKED, VerifyCode.VERSION_NOT_ALLOWED, VerifyCode.BLOCKED]) {
      expect(configurationProblem(fine, refusal)).toBeNull()
    }
    expect(configurationProblem({ ...fine, requireApiKey: true, apiKeyHash: "hash" }, null)).toBeNull()
  })

  it("names a deleted product, and a required API key the product does not have", () => {
    expect(configurationProblem({ ...fine, productDeleted: true }, null)).toBe("product_deleted")
    expect(configurationProblem({ ...fine, productDeleted: true }, VerifyCode.REVOKED)).toBe("product_deleted")
    expect(configurationProblem({ ...fine, requireApiKey: true }, null)).toBe("api_key_missing")
  })

  it("leaves a product mismatch to the caller: the key is not this product's", () => {
    expect(configurationProblem({ ...fine, productDeleted: true }, VerifyCode.PRODUCT_MISMATCH)).toBeNull()
  })

  it("reports a broken version rule only where the version check refused", () => {
    const broken = { ...fine, version: { mode: "range", pinned: null, range: ">>1 nonsense" } as VersionPolicy }
    expect(configurationProblem(broken, VerifyCode.VERSION_NOT_ALLOWED)).toBe("version_rule_invalid")
    expect(configurationProblem(broken, VerifyCode.REVOKED)).toBeNull()
    const fineRange = { ...fine, version: { mode: "range", pinned: null, range: "1.x" } as VersionPolicy }
    expect(configurationProblem(fineRange, VerifyCode.VERSION_NOT_ALLOWED)).toBeNull()
  })
})

describe("versionRuleParses", () => {
  it.each([
    [OFF, true],
    [{ mode: "pinned", pinned: "1.2.3", range: null }, true],
    [{ mode: "pinned", pinned: "v1.2", range: null }, true],
    [{ mode: "pinned", pinned: null, range: null }, false],
    [{ mode: "pinned", pinned: "one.two", range: null }, false],
    [{ mode: "range", pinned: null, range: "^1.0.0 || 2.x" }, true],
    [{ mode: "range", pinned: null, range: null }, false],
    [{ mode: "range", pinned: null, range: "  " }, false],
    [{ mode: "range", pinned: null, range: ">>1 nonsense" }, false],
  ] as [VersionPolicy, boolean][])("%j parses: %s", (policy, parses) => {
    expect(versionRuleParses(policy)).toBe(parses)
  })
})

describe("suspensionKind", () => {
  it("is manual for an admin, billing for the system (a payment dispute)", () => {
    expect(suspensionKind({ type: "admin", id: "user_1" })).toBe("manual")
    expect(suspensionKind({ type: "system" })).toBe("billing")
  })
})
