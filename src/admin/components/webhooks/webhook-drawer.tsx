import { Checkbox, Drawer, Input, Label, Switch, Text, toast } from "@medusajs/ui"
import { useEffect, useId, useState } from "react"
import { Controller, FormProvider, useForm } from "react-hook-form"
import { errorMessage } from "../../lib/api"
import { createWebhookResolver, updateWebhookResolver } from "../../lib/forms"
import { DrawerFormFooter } from "../drawer-form-footer"
import { FieldError } from "../field-error"
import { FormError } from "../form-error"
import { type AdminWebhook, ALL_EVENTS, EVENT_LABELS, useCreateWebhook, useUpdateWebhook, type WebhookBody } from "./api"

const valuesOf = (webhook: AdminWebhook | null): WebhookBody => ({
  url: webhook?.url ?? "",
  description: webhook?.description ?? "",
  events: webhook?.events ?? ALL_EVENTS,
  enabled: webhook?.enabled ?? true,
  keyport_compatible: webhook?.keyport_compatible ?? false,
})

/** Add an endpoint (then its secret is shown once), or edit one: URL, events, enabled, KeyPort-compatible, description. */
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
  const [formError, setFormError] = useState<string | null>(null)
  const create = useCreateWebhook()
  const update = useUpdateWebhook(webhook?.id ?? "")
  const ids = { url: useId(), description: useId(), enabled: useId(), events: useId(), keyport: useId() }
  const form = useForm<WebhookBody>({ defaultValues: valuesOf(webhook), resolver: webhook ? updateWebhookResolver : createWebhookResolver })
  const { errors } = form.formState
  const events = form.watch("events")

  useEffect(() => {
    if (open) {
      form.reset(valuesOf(webhook))
      setFormError(null)
    }
  }, [open]) // reset each time the drawer opens

  const submit = form.handleSubmit(async (values) => {
    setFormError(null)
    const body = { ...values, description: values.description?.trim() || null }
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
  })

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <FormProvider {...form}>
          <form onSubmit={submit} noValidate className="flex flex-1 flex-col overflow-hidden">
            <Drawer.Header>
              <Drawer.Title>{webhook ? "Edit webhook" : "Add webhook"}</Drawer.Title>
              <Drawer.Description>License events are POSTed to this URL as signed JSON.</Drawer.Description>
            </Drawer.Header>
            <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
              <Controller
                control={form.control}
                name="url"
                render={({ field }) => (
                  <div className="flex flex-col gap-y-2">
                    <Label htmlFor={ids.url} size="small" weight="plus">
                      Endpoint URL
                    </Label>
                    <Input id={ids.url} type="url" placeholder="https://example.com/hooks/licenses" {...field} />
                    <FieldError error={errors.url} />
                    <Text size="small" className="text-ui-fg-subtle">
                      Public addresses only: loopback and private networks are refused unless the store allows them.
                    </Text>
                  </div>
                )}
              />
              <Controller
                control={form.control}
                name="description"
                render={({ field }) => (
                  <div className="flex flex-col gap-y-2">
                    <Label htmlFor={ids.description} size="small" weight="plus">
                      Description (optional)
                    </Label>
                    <Input id={ids.description} {...field} value={field.value ?? ""} />
                    <FieldError error={errors.description} />
                  </div>
                )}
              />
              <Controller
                control={form.control}
                name="enabled"
                render={({ field }) => (
                  <div className="flex items-center justify-between">
                    <Label htmlFor={ids.enabled} size="small" weight="plus">
                      Enabled
                    </Label>
                    <Switch id={ids.enabled} checked={field.value ?? true} onCheckedChange={field.onChange} />
                  </div>
                )}
              />
              <Controller
                control={form.control}
                name="keyport_compatible"
                render={({ field }) => (
                  <div className="flex flex-col gap-y-1">
                    <div className="flex items-center justify-between">
                      <Label htmlFor={ids.keyport} size="small" weight="plus">
                        KeyPort-compatible
                      </Label>
                      <Switch id={ids.keyport} checked={field.value ?? false} onCheckedChange={field.onChange} />
                    </div>
                    <Text size="small" className="text-ui-fg-subtle">
                      Also sign with the X-KeyPort-Signature header, for a receiver written for KeyPort.
                    </Text>
                  </div>
                )}
              />
              <Controller
                control={form.control}
                name="events"
                render={({ field }) => (
                  <fieldset className="flex flex-col gap-y-2" aria-describedby={ids.events}>
                    <legend className="txt-compact-small-plus mb-2">Events to send</legend>
                    <Text id={ids.events} size="small" className="text-ui-fg-subtle">
                      {events.length} of {ALL_EVENTS.length} selected
                    </Text>
                    {ALL_EVENTS.map((event) => {
                      const id = `${ids.events}-${event}`
                      return (
                        <div key={event} className="flex items-center gap-x-2">
                          <Checkbox
                            id={id}
                            checked={field.value.includes(event)}
                            onCheckedChange={(on) =>
                              field.onChange(
                                on === true ? [...new Set([...field.value, event])] : field.value.filter((e) => e !== event)
                              )
                            }
                          />
                          <Label htmlFor={id} size="small">
                            {EVENT_LABELS[event]} <span className="text-ui-fg-muted font-mono text-xs">{event}</span>
                          </Label>
                        </div>
                      )
                    })}
                    <FieldError error={errors.events} />
                  </fieldset>
                )}
              />
              <FormError message={formError} />
            </Drawer.Body>
            <DrawerFormFooter submitLabel={webhook ? "Save" : "Add webhook"} isLoading={create.isPending || update.isPending} />
          </form>
        </FormProvider>
      </Drawer.Content>
    </Drawer>
  )
}
