// Loopback webhook URLs must be accepted (medusa-config.ts reads this when the runner boots the app).
process.env.LICENSE_WEBHOOKS_ALLOW_PRIVATE_NETWORKS = "true"

import { createStep, createWorkflow, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type LicenseModuleService from "../../src/modules/license/service"
import { createLicenseWebhookEndpointStep } from "../../src/workflows/steps/create-license-webhook-endpoint"
import { rotateLicenseWebhookSecretStep } from "../../src/workflows/steps/rotate-license-webhook-secret"
import { rotateProductApiKeyStep } from "../../src/workflows/steps/rotate-product-api-key"
import { updateLicenseWebhookEndpointStep } from "../../src/workflows/steps/update-license-webhook-endpoint"
import { updateProductLicenseSettingsStep } from "../../src/workflows/steps/update-product-license-settings"

jest.setTimeout(180 * 1000)

// The admin's webhook and product-control workflows undo their change when a
// later step of the run fails (a store composing them into its own workflow,
// or a step added later): the compensations, on a real database. Each step is
// followed here by a step that always fails.

const laterStepFails = createStep("test-later-step-fails", async () => {
  throw new Error("a later step failed")
})

const createWebhookThenFail = createWorkflow(
  "test-create-license-webhook-then-fail",
  (input: Parameters<typeof createLicenseWebhookEndpointStep>[0]) => {
    createLicenseWebhookEndpointStep(input)
    laterStepFails()
    return new WorkflowResponse(undefined)
  }
)

const updateWebhookThenFail = createWorkflow(
  "test-update-license-webhook-then-fail",
  (input: Parameters<typeof updateLicenseWebhookEndpointStep>[0]) => {
    updateLicenseWebhookEndpointStep(input)
    laterStepFails()
    return new WorkflowResponse(undefined)
  }
)

const rotateSecretThenFail = createWorkflow("test-rotate-license-webhook-secret-then-fail", (input: { id: string }) => {
  rotateLicenseWebhookSecretStep(input)
  laterStepFails()
  return new WorkflowResponse(undefined)
})

const saveSettingsThenFail = createWorkflow(
  "test-update-product-license-settings-then-fail",
  (input: Parameters<typeof updateProductLicenseSettingsStep>[0]) => {
    updateProductLicenseSettingsStep(input)
    laterStepFails()
    return new WorkflowResponse(undefined)
  }
)

const rotateApiKeyThenFail = createWorkflow("test-rotate-product-api-key-then-fail", (input: { product_id: string }) => {
  rotateProductApiKeyStep(input)
  laterStepFails()
  return new WorkflowResponse(undefined)
})

medusaIntegrationTestRunner({
  testSuite: ({ getContainer }) => {
    const licenses = () => getContainer().resolve<LicenseModuleService>("license")
    const failure = { message: "a later step failed" }

    it("removes a webhook endpoint it created when a later step fails", async () => {
      await expect(
        createWebhookThenFail(getContainer()).run({
          input: { url: "http://127.0.0.1:9/hook", events: ["license.issued"] },
        })
      ).rejects.toMatchObject(failure)
      expect(await licenses().listWebhookEndpoints()).toEqual([])
    })

    it("puts an endpoint's URL, events, enabled and description back when a later step fails", async () => {
      const { endpoint } = await licenses().createWebhookEndpoint({
        url: "http://127.0.0.1:9/before",
        events: ["license.issued"],
        description: "Before",
      })
      await expect(
        updateWebhookThenFail(getContainer()).run({
          input: {
            id: endpoint.id,
            update: {
              url: "http://127.0.0.1:9/after",
              events: ["license.revoked", "license.updated"],
              enabled: false,
              description: "After",
            },
          },
        })
      ).rejects.toMatchObject(failure)
      expect(await licenses().retrieveWebhookEndpoint(endpoint.id)).toMatchObject({
        url: "http://127.0.0.1:9/before",
        events: ["license.issued"],
        enabled: true,
        description: "Before",
      })
    })

    it("keeps an endpoint's signing secret when a later step fails after a rotation", async () => {
      const { endpoint } = await licenses().createWebhookEndpoint({ url: "http://127.0.0.1:9/hook", events: ["license.issued"] })
      const before = await licenses().retrieveLicenseWebhookEndpoint(endpoint.id)
      await expect(rotateSecretThenFail(getContainer()).run({ input: { id: endpoint.id } })).rejects.toMatchObject(failure)
      const after = await licenses().retrieveLicenseWebhookEndpoint(endpoint.id)
      expect(after.secret_hint).toBe(before.secret_hint)
      expect(after.secret_encrypted).toBe(before.secret_encrypted)
    })

    it("restores a product's controls, and withdraws the API key the save generated, when a later step fails", async () => {
      const productId = "prod_compensation_saved"
      await licenses().updateProductLicenseSettings(productId, { sign_answers: false, blocked_domains: ["bad.example.com"] })
      const before = await licenses().getProductLicenseSettings(productId)
      await expect(
        saveSettingsThenFail(getContainer()).run({
          input: { product_id: productId, update: { require_api_key: true, sign_answers: true, blocked_domains: [], archived: true } },
        })
      ).rejects.toMatchObject(failure)
      const after = await licenses().getProductLicenseSettings(productId)
      expect(after).toEqual(before)
      expect(after.api_key_prefix).toBeNull()
      expect(after.require_api_key).toBe(false)
    })

    it("leaves a product that had no controls without any when a later step fails", async () => {
      const productId = "prod_compensation_never_saved"
      await expect(
        saveSettingsThenFail(getContainer()).run({ input: { product_id: productId, update: { enforce_expiry: false } } })
      ).rejects.toMatchObject(failure)
      expect(await licenses().listLicenseProductSettings({ product_id: productId })).toEqual([])
    })

    it("keeps the product's previous API key when a later step fails after a rotation", async () => {
      const productId = "prod_compensation_key"
      await licenses().rotateProductApiKey(productId)
      const [before] = await licenses().listLicenseProductSettings({ product_id: productId })
      await expect(rotateApiKeyThenFail(getContainer()).run({ input: { product_id: productId } })).rejects.toMatchObject(failure)
      const [after] = await licenses().listLicenseProductSettings({ product_id: productId })
      expect(after.api_key_hash).toBe(before.api_key_hash)
      expect(after.api_key_prefix).toBe(before.api_key_prefix)
      expect(new Date(after.api_key_created_at!).getTime()).toBe(new Date(before.api_key_created_at!).getTime())
    })
  },
})
