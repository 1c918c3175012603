// The KeyPort-compatible API is opt-in: on here for its validate answer (last test).
process.env.LICENSE_KEYPORT_COMPATIBLE_API = "true"

import { Modules } from "@medusajs/framework/utils"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import jwt from "jsonwebtoken"
import { adminHeaders, type DemoStore, seedStore } from "../helpers/store"
import { sourceAddresses, verifyClient } from "../helpers/verify-client"
import { heldActivations, issueLicense, licenseService } from "../helpers/licenses"
import { waitFor } from "../helpers/wait"

jest.setTimeout(180 * 1000)

// configuration_error (docs/verify-api.md "Configuration errors"): a product or license
// configuration problem that prevents a decision answers 200, valid: false, with the problem
// named and signed, never a 500 and never a slot. Real HTTP, real database.

type Headers = { headers: Record<string, string> }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer, dbConnection }) => {
    let client: ReturnType<typeof verifyClient>
    let store: DemoStore
    let auth: Headers
    const freshIp = sourceAddresses(21)

    beforeAll(async () => {
      client = verifyClient(api)
      store = await seedStore(getContainer())
    })
    beforeEach(async () => {
      auth = await adminHeaders(api, store)
    })
    afterAll(() => client?.close())

    const verify = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
      client.post("/licenses/verify", body, { from: freshIp(), headers })
    const deactivate = (body: Record<string, unknown>) => client.post("/licenses/deactivate", body, { from: freshIp() })
    const saveSettings = (productId: string, body: Record<string, unknown>) =>
      api.post(`/admin/products/${productId}/license-settings`, body, { ...auth, validateStatus: () => true })

    const productWithLicense = async () => {
      const [product] = await getContainer()
        .resolve(Modules.PRODUCT)
        .createProducts([{ title: `Config ${freshIp.count}-${Math.random().toString(36).slice(2, 8)}` }])
      const { license, key } = await issueLicense(getContainer(), { product_id: product.id })
      return { productId: product.id, license, key }
    }

    /** The answer is a configuration_error naming `problem`, signed over exactly what was answered. */
    const expectConfigurationError = async (res: { status: number; data: any }, problem: string) => {
      expect(res.status).toBe(200)
      expect(res.data).toMatchObject({
        valid: false,
        code: "configuration_error",
        message: "The product or license is misconfigured: contact the seller",
        configuration_problem: problem,
        data: null,
      })
      const { pem } = (await client.get("/licenses/public-key", freshIp())).data
      const { signature, ...content } = res.data
      expect(jwt.verify(signature, pem, { algorithms: ["ES256"] })).toMatchObject({ ...content, configuration_problem: problem })
    }

    it("product_deleted: the key's product was deleted in Medusa (held domain or new one), verify and deactivate", async () => {
      const { productId, license, key } = await productWithLicense()
      expect((await verify({ license_key: key, domain: "held.example" })).data.code).toBe("valid")

      const deleted = await api.delete(`/admin/products/${productId}`, auth)
      expect(deleted.status).toBe(200)
      const held = await waitFor(
        () => verify({ license_key: key, domain: "held.example" }),
        (res) => res.data.code !== "valid"
      )
      await expectConfigurationError(held, "product_deleted")
      await expectConfigurationError(await verify({ license_key: key, domain: "new.example" }), "product_deleted")
      expect(await heldActivations(getContainer(), license.id)).toHaveLength(1)

      const freed = await deactivate({ license_key: key, domain: "held.example" })
      expect(freed.status).toBe(200)
      expect(freed.data).toMatchObject({ deactivated: false, code: "configuration_error", configuration_problem: "product_deleted" })
      // Another product's id in the request is still a product mismatch, not this product's problem.
      const other = await verify({ license_key: key, domain: "held.example", product_id: "prod_other" })
      expect(other.data).toMatchObject({ valid: false, code: "product_mismatch" })
      expect(other.data.configuration_problem).toBeUndefined()
    })

    it("api_key_missing: the product requires an API key but has none: 200 configuration_error, not 401, with or without a bearer", async () => {
      const { productId, license, key } = await productWithLicense()
      const saved = await saveSettings(productId, { require_api_key: true })
      expect(saved.status).toBe(200)
      const apiKey: string = saved.data.api_key
      expect((await verify({ license_key: key, domain: "a.example" }, { authorization: `Bearer ${apiKey}` })).data.code).toBe("valid")

      // The key's hash is gone (a hand edit, a restore from an old backup): nothing can be checked.
      await dbConnection.raw(`UPDATE license_product_setting SET api_key_hash = NULL, api_key_prefix = NULL WHERE product_id = ?`, [productId])
      await expectConfigurationError(await verify({ license_key: key, domain: "b.example" }), "api_key_missing")
      await expectConfigurationError(
        await verify({ license_key: key, domain: "a.example" }, { authorization: `Bearer ${apiKey}` }),
        "api_key_missing"
      )
      const freed = await deactivate({ license_key: key, domain: "a.example" })
      expect(freed.data).toMatchObject({ code: "configuration_error", configuration_problem: "api_key_missing" })
      expect(await heldActivations(getContainer(), license.id)).toHaveLength(1)

      // A new key from the admin ends the problem.
      const rotated = await api.post(`/admin/products/${productId}/license-settings/api-key`, {}, auth)
      const ok = await verify({ license_key: key, domain: "a.example" }, { authorization: `Bearer ${rotated.data.api_key}` })
      expect(ok.data.code).toBe("valid")
    })

    it("version_rule_invalid: the product's or the license's version rule cannot be parsed", async () => {
      const { productId, license, key } = await productWithLicense()
      expect((await saveSettings(productId, { version_mode: "range", version_range: "1.x" })).status).toBe(200)
      expect((await verify({ license_key: key, domain: "a.example", version: "2.0.0" })).data.code).toBe("version_not_allowed")

      // The product's range, unparsable (rules are validated on save; a stored one can still be broken).
      await dbConnection.raw(`UPDATE license_product_setting SET version_range = '>>1 nonsense' WHERE product_id = ?`, [productId])
      await expectConfigurationError(await verify({ license_key: key, domain: "a.example", version: "1.0.0" }), "version_rule_invalid")
      // A pinned product rule with no pin.
      await dbConnection.raw(`UPDATE license_product_setting SET version_mode = 'pinned', version_pinned = NULL WHERE product_id = ?`, [productId])
      await expectConfigurationError(await verify({ license_key: key, domain: "a.example", version: "1.0.0" }), "version_rule_invalid")

      // The license's own override wins over the product's rule: valid when it parses, an error when not.
      await dbConnection.raw(`UPDATE license SET version_mode = 'range', version_range = '^1.0.0' WHERE id = ?`, [license.id])
      expect((await verify({ license_key: key, domain: "a.example", version: "1.4.0" })).data.code).toBe("valid")
      await dbConnection.raw(`UPDATE license SET version_pinned = 'one.two', version_mode = 'pinned' WHERE id = ?`, [license.id])
      await expectConfigurationError(await verify({ license_key: key, domain: "a.example", version: "1.4.0" }), "version_rule_invalid")

      // A license that is refused anyway is answered as such: the broken rule prevents no decision.
      await licenseService(getContainer()).updateLicenses({ id: license.id, status: "revoked" })
      const revoked = await verify({ license_key: key, domain: "a.example", version: "1.4.0" })
      expect(revoked.data).toMatchObject({ valid: false, code: "revoked" })
    })

    it("the KeyPort-compatible validate answers a configuration error as `invalid`, not valid", async () => {
      const { productId, key } = await productWithLicense()
      const apiKey: string = (await saveSettings(productId, { require_api_key: true })).data.api_key
      await dbConnection.raw(`UPDATE license_product_setting SET version_mode = 'range', version_range = '>>1 nonsense' WHERE product_id = ?`, [productId])
      const res = await client.post(
        "/api/v1/validate",
        { license_key: key, domain: "kp.example", version: "1.0.0" },
        { from: freshIp(), headers: { authorization: `Bearer ${apiKey}` } }
      )
      expect(res.status).toBe(200)
      expect(res.data).toMatchObject({ valid: false, status: "invalid", code: "configuration_error" })
    })
  },
})
