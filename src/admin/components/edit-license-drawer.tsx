import { Drawer, Input, Label, Switch, Text, Textarea, toast } from "@medusajs/ui"
import { type FormEvent, useEffect, useId, useState } from "react"
import { errorMessage, type LicenseEdit, useUpdateLicense } from "../lib/api"
import { dateInputToIso, isoToDateInput } from "../lib/dates"
import type { AdminLicense } from "../lib/types"
import { DrawerFormFooter } from "./drawer-form-footer"
import { FormError } from "./form-error"

/** Edit: expiry (or lifetime), max activations (0 = unlimited), the customer's Discord ID and notes. */
export const EditLicenseDrawer = ({
  license,
  open,
  onOpenChange,
}: {
  license: AdminLicense
  open: boolean
  onOpenChange: (open: boolean) => void
}) => {
  const [lifetime, setLifetime] = useState(license.expires_at === null)
  const [expiry, setExpiry] = useState(isoToDateInput(license.expires_at))
  const [maxActivations, setMaxActivations] = useState(String(license.max_activations))
  const [notes, setNotes] = useState(license.notes ?? "")
  const [discordId, setDiscordId] = useState(license.customer_discord_id ?? "")
  const budgetSetting = (l: AdminLicense) =>
    l.deactivations_per_30_days === null || l.deactivations_per_30_days === undefined ? "" : String(l.deactivations_per_30_days)
  const [deactivations, setDeactivations] = useState(budgetSetting(license))
  const [formError, setFormError] = useState<string | null>(null)
  const update = useUpdateLicense(license.id)
  const ids = { lifetime: useId(), expiry: useId(), max: useId(), notes: useId(), deactivations: useId(), discord: useId() }

  useEffect(() => {
    if (open) {
      setLifetime(license.expires_at === null)
      setExpiry(isoToDateInput(license.expires_at))
      setMaxActivations(String(license.max_activations))
      setNotes(license.notes ?? "")
      setDiscordId(license.customer_discord_id ?? "")
      setDeactivations(budgetSetting(license))
      setFormError(null)
    }
  }, [open]) // reset to the saved values each time the drawer opens

  const max = Number(maxActivations)
  const maxValid = maxActivations.trim() !== "" && Number.isInteger(max) && max >= 0
  const belowUsed = maxValid && max !== 0 && max < license.activations_used
  const deactivationsValue = deactivations.trim() === "" ? null : Number(deactivations)
  const deactivationsValid =
    deactivationsValue === null || (Number.isInteger(deactivationsValue) && deactivationsValue >= 0)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setFormError(null)
    if (!maxValid) {
      return setFormError("Max activations must be a whole number of 0 or more (0 = unlimited).")
    }
    if (!deactivationsValid) {
      return setFormError("Deactivations per 30 days: empty (the product's policy), 0 (unlimited) or a whole number.")
    }
    if (discordId.trim() && !/^\d{17,20}$/.test(discordId.trim())) {
      return setFormError("A Discord ID is 17 to 20 digits (or empty for none).")
    }
    if (!lifetime && !expiry) {
      return setFormError("Pick the expiry date, or make the license lifetime.")
    }
    const body: LicenseEdit = {}
    const expiresAt = lifetime ? null : dateInputToIso(expiry)
    // Only what changed: an unchanged date keeps its exact time.
    if (lifetime !== (license.expires_at === null) || (!lifetime && expiry !== isoToDateInput(license.expires_at))) {
      body.expires_at = expiresAt
    }
    if (max !== license.max_activations) {
      body.max_activations = max
    }
    if (deactivationsValue !== (license.deactivations_per_30_days ?? null)) {
      body.deactivations_per_30_days = deactivationsValue
    }
    if ((notes.trim() || null) !== (license.notes ?? null)) {
      body.notes = notes.trim() || null
    }
    if ((discordId.trim() || null) !== (license.customer_discord_id ?? null)) {
      body.customer_discord_id = discordId.trim() || null
    }
    if (!Object.keys(body).length) {
      onOpenChange(false)
      return
    }
    try {
      await update.mutateAsync(body)
      toast.success("License updated")
      onOpenChange(false)
    } catch (error) {
      setFormError(errorMessage(error))
      toast.error("Could not update the license", { description: errorMessage(error) })
    }
  }

  return (
    <Drawer open={open} onOpenChange={onOpenChange}>
      <Drawer.Content>
        <form onSubmit={submit} className="flex flex-1 flex-col overflow-hidden">
          <Drawer.Header>
            <Drawer.Title>Edit license</Drawer.Title>
            <Drawer.Description className="font-mono">{license.key}</Drawer.Description>
          </Drawer.Header>
          <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
            <div className="flex flex-col gap-y-3">
              <div className="flex items-center justify-between">
                <Label htmlFor={ids.lifetime} size="small" weight="plus">
                  Lifetime (never expires)
                </Label>
                <Switch id={ids.lifetime} checked={lifetime} onCheckedChange={setLifetime} />
              </div>
              {lifetime ? null : (
                <div className="flex flex-col gap-y-2">
                  <Label htmlFor={ids.expiry} size="small" weight="plus">
                    Expires on
                  </Label>
                  <Input id={ids.expiry} type="date" value={expiry} onChange={(e) => setExpiry(e.target.value)} />
                </div>
              )}
            </div>
            <div className="flex flex-col gap-y-2">
              <Label htmlFor={ids.max} size="small" weight="plus">
                Max activations
              </Label>
              <Input
                id={ids.max}
                type="number"
                min={0}
                step={1}
                value={maxActivations}
                onChange={(e) => setMaxActivations(e.target.value)}
              />
              <Text size="small" className="text-ui-fg-subtle">
                0 = unlimited. {license.activations_used} in use now.
              </Text>
              {belowUsed ? (
                <Text size="small" className="text-ui-fg-interactive" role="status">
                  Lower than the {license.activations_used} slots in use: those keep working, new sites are refused
                  until slots are freed.
                </Text>
              ) : null}
            </div>
            <div className="flex flex-col gap-y-2">
              <Label htmlFor={ids.deactivations} size="small" weight="plus">
                Deactivations per 30 days
              </Label>
              <Input
                id={ids.deactivations}
                type="number"
                min={0}
                step={1}
                placeholder="The product's policy"
                value={deactivations}
                onChange={(e) => setDeactivations(e.target.value)}
              />
              <Text size="small" className="text-ui-fg-subtle">
                Empty = the product's policy (by default 3 x max activations), 0 = unlimited.
              </Text>
            </div>
            <div className="flex flex-col gap-y-2">
              <Label htmlFor={ids.discord} size="small" weight="plus">
                Customer's Discord ID
              </Label>
              <Input
                id={ids.discord}
                inputMode="numeric"
                placeholder="17 to 20 digits"
                value={discordId}
                onChange={(e) => setDiscordId(e.target.value)}
              />
            </div>
            <div className="flex flex-col gap-y-2">
              <Label htmlFor={ids.notes} size="small" weight="plus">
                Notes
              </Label>
              <Textarea id={ids.notes} value={notes} onChange={(e) => setNotes(e.target.value)} rows={4} />
            </div>
            <FormError message={formError} />
          </Drawer.Body>
          <DrawerFormFooter submitLabel={"Save"} isLoading={update.isPending} />
        </form>
      </Drawer.Content>
    </Drawer>
  )
}
