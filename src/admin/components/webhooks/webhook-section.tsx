import { Badge, Button, Container, Heading, Switch, Text, toast, usePrompt } from "@medusajs/ui"
import { useState } from "react"
import { errorMessage } from "../../lib/api"
import { type AdminWebhook, EVENT_LABELS, useDeleteWebhook, useRotateWebhookSecret, useUpdateWebhook } from "./api"
import { DeliveriesTable } from "./deliveries-table"

/** One endpoint: URL, events, enabled switch, secret hint; edit, rotate, delete; its recent deliveries. */
export const WebhookSection = ({
  webhook,
  onEdit,
  onSecret,
}: {
  webhook: AdminWebhook
  onEdit: () => void
  onSecret: (secret: string) => void
}) => {
  const prompt = usePrompt()
  const update = useUpdateWebhook(webhook.id)
  const rotate = useRotateWebhookSecret(webhook.id)
  const remove = useDeleteWebhook(webhook.id)
  const [showDeliveries, setShowDeliveries] = useState(true)

  const setEnabled = async (enabled: boolean) => {
    try {
      await update.mutateAsync({ enabled })
      toast.success(enabled ? "Webhook enabled" : "Webhook disabled")
    } catch (error) {
      toast.error("Could not change the webhook", { description: errorMessage(error) })
    }
  }

  const rotateSecret = async () => {
    const confirmed = await prompt({
      title: "Rotate the signing secret?",
      description: "The current secret stops working at once: deliveries from now on are signed with the new one.",
      confirmText: "Rotate",
      cancelText: "Cancel",
    })
    if (!confirmed) {
      return
    }
    try {
      const { secret } = await rotate.mutateAsync()
      onSecret(secret)
    } catch (error) {
      toast.error("Could not rotate the secret", { description: errorMessage(error) })
    }
  }

  const deleteWebhook = async () => {
    const confirmed = await prompt({
      title: "Delete this webhook?",
      description: `${webhook.url} gets no more events, and its delivery history is deleted.`,
      confirmText: "Delete",
      cancelText: "Cancel",
    })
    if (!confirmed) {
      return
    }
    try {
      await remove.mutateAsync()
      toast.success("Webhook deleted")
    } catch (error) {
      toast.error("Could not delete the webhook", { description: errorMessage(error) })
    }
  }

  return (
    <Container className="divide-y p-0" data-testid="webhook-section">
      <div className="flex flex-wrap items-start justify-between gap-4 px-6 py-4">
        <div className="flex min-w-0 flex-col gap-y-1">
          <Heading level="h2" className="break-all font-mono text-sm">
            {webhook.url}
          </Heading>
          {webhook.description ? (
            <Text size="small" className="text-ui-fg-subtle">
              {webhook.description}
            </Text>
          ) : null}
          <div className="flex flex-wrap gap-1 pt-1">
            {webhook.events.map((event) => (
              <Badge key={event} size="2xsmall">
                {EVENT_LABELS[event] ?? event}
              </Badge>
            ))}
          </div>
          <Text size="xsmall" className="text-ui-fg-muted">
            Secret ends in <span className="font-mono">{webhook.secret_hint}</span>
            {webhook.keyport_compatible ? " · KeyPort-compatible (X-KeyPort-Signature)" : null}
          </Text>
        </div>
        <div className="flex items-center gap-x-2">
          <Switch
            checked={webhook.enabled}
            disabled={update.isPending}
            onCheckedChange={setEnabled}
            aria-label={webhook.enabled ? "Disable this webhook" : "Enable this webhook"}
          />
          <Text size="small" className="text-ui-fg-subtle">
            {webhook.enabled ? "Enabled" : "Disabled"}
          </Text>
          <Button size="small" variant="secondary" onClick={onEdit}>
            Edit
          </Button>
          <Button size="small" variant="secondary" isLoading={rotate.isPending} onClick={rotateSecret}>
            Rotate secret
          </Button>
          <Button size="small" variant="danger" isLoading={remove.isPending} onClick={deleteWebhook}>
            Delete
          </Button>
        </div>
      </div>
      <div>
        <div className="flex items-center justify-between px-6 py-3">
          <Text size="small" weight="plus">
            Recent deliveries
          </Text>
          <Button size="small" variant="transparent" onClick={() => setShowDeliveries(!showDeliveries)}>
            {showDeliveries ? "Hide" : "Show"}
          </Button>
        </div>
        {showDeliveries ? <DeliveriesTable webhookId={webhook.id} /> : null}
      </div>
    </Container>
  )
}
