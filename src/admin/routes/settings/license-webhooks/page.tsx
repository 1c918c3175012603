import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Plus } from "@medusajs/icons"
import { Button, Container, Heading, Text } from "@medusajs/ui"
import { useState } from "react"
import { SecretModal } from "../../../components/secret-modal"
import type { AdminWebhook } from "../../../components/webhooks/api"
import { useWebhooks } from "../../../components/webhooks/api"
import { WebhookDrawer } from "../../../components/webhooks/webhook-drawer"
import { WebhookSection } from "../../../components/webhooks/webhook-section"
import { errorMessage } from "../../../lib/api"

/** Settings -> License webhooks: endpoints that receive signed license events, and their deliveries. */
const LicenseWebhooksPage = () => {
  const { data, isLoading, isError, error } = useWebhooks()
  const [editing, setEditing] = useState<AdminWebhook | null>(null)
  const [drawerOpen, setDrawerOpen] = useState(false)
  const [secret, setSecret] = useState<string | null>(null)

  const openDrawer = (webhook: AdminWebhook | null) => {
    setEditing(webhook)
    setDrawerOpen(true)
  }

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="flex items-start justify-between gap-4 px-6 py-4">
        <div>
          <Heading>License webhooks</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            License events (issued, activated, revoked, transferred…) are POSTed as JSON to your endpoints, signed
            with an X-License-Signature header. Failed deliveries are retried with a growing delay.
          </Text>
        </div>
        <Button size="small" variant="secondary" onClick={() => openDrawer(null)}>
          <Plus /> Add webhook
        </Button>
      </Container>
      {isLoading ? (
        <Container>
          <Text className="text-ui-fg-subtle">Loading webhooks…</Text>
        </Container>
      ) : isError || !data ? (
        <Container>
          <Text className="text-ui-fg-error" role="alert">
            Could not load the webhooks: {errorMessage(error)}
          </Text>
        </Container>
      ) : data.webhooks.length ? (
        data.webhooks.map((webhook) => (
          <WebhookSection key={webhook.id} webhook={webhook} onEdit={() => openDrawer(webhook)} onSecret={setSecret} />
        ))
      ) : (
        <Container>
          <Text className="text-ui-fg-subtle">No webhooks yet. Add one to send license events to another system.</Text>
        </Container>
      )}
      <WebhookDrawer webhook={editing} open={drawerOpen} onOpenChange={setDrawerOpen} onSecret={setSecret} />
      <SecretModal
        secret={secret}
        onClose={() => setSecret(null)}
        title="Signing secret"
        description="Copy it now and store it with your receiver: it is shown only this once. Your receiver uses it to check the X-License-Signature header of every delivery."
        copyLabel="Copy the signing secret"
        testId="webhook-secret"
      />
    </div>
  )
}

export const config = defineRouteConfig({
  label: "License webhooks",
})

export const handle = {
  breadcrumb: () => "License webhooks",
}

export default LicenseWebhooksPage
