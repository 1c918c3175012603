import { createWebhookResolver, issueLicenseResolver, updateWebhookResolver } from "../forms"

// The admin's create forms validate with the server's own zod validators
// (src/api/admin/validators.ts, src/api/admin/license-webhooks/validators.ts).
const run = async <T extends Record<string, unknown>>(resolver: (...args: any[]) => any, values: T) =>
  (await resolver(values, undefined, { fields: {}, shouldUseNativeValidation: false })) as {
    values: Record<string, unknown>
    errors: Record<string, { message?: string }>
  }

describe("admin forms use the routes' schemas", () => {
  it("issue license: the route's rules, plainer words for the empty pickers, values as JSON carries them", async () => {
    const empty = await run(issueLicenseResolver, { customer_id: "", variant_id: "" })
    expect(empty.errors.customer_id?.message).toBe("Pick a customer.")
    expect(empty.errors.variant_id?.message).toBe("Pick a licensed variant.")

    // Rules that only the server schema states: whole numbers 0..1,000,000, notes up to 5000, dates 1970..9999.
    const bad = await run(issueLicenseResolver, {
      customer_id: "cus_1",
      variant_id: "variant_1",
      max_activations: 1.5,
      notes: "x".repeat(5001),
      expires_at: "10000-01-01T00:00:00Z",
    })
    expect(Object.keys(bad.errors).sort()).toEqual(["expires_at", "max_activations", "notes"])
    expect((await run(issueLicenseResolver, { customer_id: "c", variant_id: "v", max_activations: 1_000_001 })).errors.max_activations).toBeDefined()
    expect((await run(issueLicenseResolver, { customer_id: "c", variant_id: "v", expires_at: "" })).errors.expires_at?.message).toMatch(/must be a date/)

    const ok = await run(issueLicenseResolver, {
      customer_id: "cus_1",
      variant_id: "variant_1",
      expires_at: "2030-01-31T23:59:59.000Z",
      max_activations: 0,
    })
    expect(ok.errors).toEqual({})
    // raw: the body keeps the ISO string the route expects, not a Date.
    expect(ok.values).toEqual({ customer_id: "cus_1", variant_id: "variant_1", expires_at: "2030-01-31T23:59:59.000Z", max_activations: 0 })
    expect((await run(issueLicenseResolver, { customer_id: "c", variant_id: "v", expires_at: null })).errors).toEqual({})
  })

  it("webhook endpoint: the server's event list and URL / description limits", async () => {
    const empty = await run(createWebhookResolver, { url: "", events: [], enabled: true, description: "" })
    expect(empty.errors.url?.message).toBe("Enter the endpoint URL.")
    expect(empty.errors.events?.message).toBe("Choose at least one event.")

    const bad = await run(createWebhookResolver, {
      url: `https://example.com/${"a".repeat(2000)}`,
      events: ["license.issued", "order.placed"],
      description: "d".repeat(501),
    })
    expect(Object.keys(bad.errors).sort()).toEqual(["description", "events", "url"])

    const body = { url: "https://example.com/hooks", events: ["license.transferred"], enabled: false, description: null }
    expect((await run(createWebhookResolver, body)).errors).toEqual({})
    expect((await run(updateWebhookResolver, body)).errors).toEqual({})
    expect((await run(updateWebhookResolver, { ...body, events: [] })).errors.events?.message).toBe("Choose at least one event.")
  })
})
