import { Checkbox, Drawer, Input, Label, Switch, Text, toast } from "@medusajs/ui"
import { type FormEvent, useEffect, useId, useState } from "react"
import { errorMessage } from "../../lib/api"
import { DrawerFormFooter } from "../drawer-form-footer"
import { FormError } from "../form-error"
import {
  type AdminWebhook,
  ALL_EVENTS,
  EVENT_LABELS,
  useCreateWebhook,
  useUpdateWebhook,
  type WebhookEventType,
} from "./api"

/** Add an endpoint (then its secret is shown once), or edit one: URL, events, enabled, description. */
export const WebhookDrawer = ({
  webhook,
  open,
  onOpenChange,
  onSecret,
}: {
  /** Null to add a new endpoint. */
  webhook: AdminWebhook | null
  open: boolean
  onOpenChange: (open: boolean) => void
  onSecret: (secret: string) => void
}) => {
  const [url, setUrl] = useState("")
  const [description, setDescription] = useState("")
  const [events, setEvents] = useState<WebhookEventType[]>(ALL_EVENTS)
  const [enabled, setEnabled] = useState(true)
  const [formError, setFormError] = useState<string | null>(null)
  const create = useCreateWebhook()
  const update = useUpdateWebhook(webhook?.id ?? "")
  const ids = { url: useId(), description: useId(), enabled: useId(), events: useId() }

  useEffect(() => {
    if (open) {
      setUrl(webhook?.url ?? "")
      setDescription(webhook?.description ?? "")
      setEvents(webhook?.events ?? ALL_EVENTS)
      setEnabled(webhook?.enabled ?? true)
      setFormError(null)
    }
  }, [open]) // reset each time the drawer opens

  const toggle = (event: WebhookEventType, on: boolean) =>
    setEvents((current) => (on ? [...new Set([...current, event])] : current.filter((e) => e !== event)))

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setFormError(null)
    if (!/^https?:\/\//i.test(url.trim())) {
      return setFormError("The URL must start with https:// (or http://).")
    }
    if (!events.length) {
      return setFormError("Choose at least one event.")
    }
    const body = { url: url.trim(), events, enabled, description: description.trim() || null }
    try {
      if (webhook) {
        await update.mutateAsync(body)
        toast.success("Webhook saved")
      } else {
        const { secret } = await create.mutateAsync(body)
        toast.success("Webhook added")
        onSecret(secret)
      }
      onOpenChange(false)
    } catch (error) {
      setFormError(errorMessage(error))
    }
  }

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <form onSubmit={submit} className="flex flex-1 flex-col overflow-hidden">
          <Drawer.Header>
            <Drawer.Title>{webhook ? "Edit webhook" : "Add webhook"}</Drawer.Title>
            <Drawer.Description>License events are POSTed to this URL as signed JSON.</Drawer.Description>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
            <div className="flex flex-col gap-y-2">
              <Label htmlFor={ids.url} size="small" weight="plus">
                Endpoint URL
              </Label>
              <Input
                id={ids.url}
                type="url"
                placeholder="https://example.com/hooks/licenses"
                value={url}
                onChange={(e) => setUrl(e.target.value)}
                required
              />
              <Text size="small" className="text-ui-fg-subtle">
                Public addresses only: loopback and private networks are refused unless the store allows them.
              </Text>
            </div>
            <div className="flex flex-col gap-y-2">
              <Label htmlFor={ids.description} size="small" weight="plus">
                Description (optional)
              </Label>
              <Input id={ids.description} value={description} onChange={(e) => setDescription(e.target.value)} />
            </div>
            <div className="flex items-center justify-between">
              <Label htmlFor={ids.enabled} size="small" weight="plus">
                Enabled
              </Label>
              <Switch id={ids.enabled} checked={enabled} onCheckedChange={setEnabled} />
            </div>
            <fieldset className="flex flex-col gap-y-2" aria-describedby={ids.events}>
              <legend className="txt-compact-small-plus mb-2">Events to send</legend>
              <Text id={ids.events} size="small" className="text-ui-fg-subtle">
                {events.length} of {ALL_EVENTS.length} selected
              </Text>
              {ALL_EVENTS.map((event) => {
                const id = `${ids.events}-${event}`
                return (
                  <div key={event} className="flex items-center gap-x-2">
                    <Checkbox id={id} checked={events.includes(event)} onCheckedChange={(on) => toggle(event, on === true)} />
                    <Label htmlFor={id} size="small">
                      {EVENT_LABELS[event]} <span className="text-ui-fg-muted font-mono text-xs">{event}</span>
                    </Label>
                  </div>
                )
              })}
            </fieldset>
            <FormError message={formError} />
          </Drawer.Body>
          <DrawerFormFooter submitLabel={webhook ? "Save" : "Add webhook"} isLoading={create.isPending || update.isPending} />
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
