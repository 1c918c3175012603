import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { Button, Checkbox, Container, Heading, Input, Label, Select, Switch, Table, Text, toast } from "@medusajs/ui"
import { useEffect, useMemo, useState } from "react"
import { errorMessage } from "../lib/api"
import { useSaveRenewalPolicies, useVariantRenewalPolicies } from "../components/renewals/api"
import { type RenewalDraft, renewalDraftError, renewalPolicyToSave, toRenewalDraft } from "../components/renewals/renewal-draft"

/**
 * "License renewals" of each licensed variant (docs/renewals-and-upgrades.md): whether its keys can be renewed
 * through the checkout, at what price (a percentage off the variant's price, or a fixed amount), for how long (empty =
 * the policy's term), from when, and on which days around expiry the customer is reminded; and to which other
 * licensed variants its keys may be upgraded (docs/renewals-and-upgrades.md "Upgrades").
 */
const ProductLicenseRenewalsWidget = ({ data: product }: DetailWidgetProps<AdminProduct>) => {
  const { data, isLoading, error } = useVariantRenewalPolicies(product.id)
  const save = useSaveRenewalPolicies(product.id)
  const policies = useMemo(() => (data?.license_policies ?? []).filter((p) => p.licensed), [data])
  const saved = useMemo(() => policies.map(toRenewalDraft), [policies])
  const [drafts, setDrafts] = useState<RenewalDraft[]>([])
  useEffect(() => setDrafts(saved), [saved])

  const dirty = JSON.stringify(drafts) !== JSON.stringify(saved)
  const errors = drafts.map((d, i) => (policies[i] ? renewalDraftError(d, policies[i]) : null))
  const change = (variantId: string, patch: Partial<RenewalDraft>) =>
    setDrafts((current) => current.map((d) => (d.variant_id === variantId ? { ...d, ...patch } : d)))

  const submit = async () => {
    const problem = errors.find(Boolean)
    if (problem) {
      toast.error("Check the renewal settings", { description: problem })
      return
    }
    try {
      await save.mutateAsync(drafts.map((d, i) => renewalPolicyToSave(d, policies[i])))
      toast.success("Renewal settings saved")
    } catch (e) {
      toast.error("Could not save the renewal settings", { description: errorMessage(e) })
    }
  }

  return (
    <Container className="divide-y p-0" data-testid="license-renewals-widget">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">License renewals</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            A renewable key can be extended through the checkout: the same key, the same activations, a new expiry.
            Price: a percentage off the variant's price, or a fixed amount in the cart's currency. Term: empty = the
            variant's term. Basis: "from expiry" adds the term to the current expiry; "from now if expired" starts an
            expired key's new term on the day of the renewal. Reminders: days around expiry (negative = before), empty
            = -30, -7, 1, 7; "none" = no reminders. Upgrades to: the variants a key of this variant can move to
            from the customer's account (same key and expiry, the new variant's activation limit; the price is the
            difference of the two prices, prorated by the time left on the key; a lifetime key pays the whole
            difference).
          </Text>
        </div>
        <Button size="small" onClick={submit} disabled={!dirty || save.isPending} isLoading={save.isPending}>
          Save
        </Button>
      </div>
      {isLoading ? (
        <Text className="px-6 py-4">Loading…</Text>
      ) : error ? (
        <Text className="text-ui-fg-error px-6 py-4">Could not load the renewal settings: {errorMessage(error)}</Text>
      ) : !drafts.length ? (
        <Text className="text-ui-fg-subtle px-6 py-4">No licensed variants: license a variant in the policy above first.</Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Variant</Table.HeaderCell>
              <Table.HeaderCell>Renewable</Table.HeaderCell>
              <Table.HeaderCell>Price</Table.HeaderCell>
              <Table.HeaderCell>Term (days)</Table.HeaderCell>
              <Table.HeaderCell>Basis</Table.HeaderCell>
              <Table.HeaderCell>Reminders (days)</Table.HeaderCell>
              <Table.HeaderCell>Upgrades to</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {drafts.map((d, index) => {
              const policy = policies[index]
              const label = policy?.variant_title ?? d.variant_id
              const off = !d.renewable
              return (
                <Table.Row key={d.variant_id} data-testid="renewal-row" data-variant-title={label}>
                  <Table.Cell>
                    <Text size="small" weight="plus">{label}</Text>
                    {errors[index] ? (
                      <Text size="xsmall" className="text-ui-fg-error" role="alert">{errors[index]}</Text>
                    ) : null}
                  </Table.Cell>
                  <Table.Cell>
                    <Switch aria-label={`${label}: renewable`} checked={d.renewable} onCheckedChange={(renewable) => change(d.variant_id, { renewable })} />
                  </Table.Cell>
                  <Table.Cell>
                    <div className="flex items-center gap-x-2">
                      <Select size="small" value={d.price_type} disabled={off} onValueChange={(v) => change(d.variant_id, { price_type: v as RenewalDraft["price_type"] })}>
                        <Select.Trigger aria-label={`${label}: renewal price type`} className="w-32"><Select.Value /></Select.Trigger>
                        <Select.Content>
                          <Select.Item value="percent_off">% off price</Select.Item>
                          <Select.Item value="fixed">Fixed price</Select.Item>
                        </Select.Content>
                      </Select>
                      {d.price_type === "fixed" ? (
                        <Input aria-label={`${label}: fixed renewal price`} type="number" min={0} step="0.01" size="small" className="w-24" disabled={off} value={d.fixed_price} onChange={(e) => change(d.variant_id, { fixed_price: e.target.value })} />
                      ) : (
                        <Input aria-label={`${label}: renewal discount percent`} type="number" min={0} max={100} step={1} size="small" className="w-20" disabled={off} value={d.discount_percent} onChange={(e) => change(d.variant_id, { discount_percent: e.target.value })} />
                      )}
                    </div>
                  </Table.Cell>
                  <Table.Cell>
                    <Input aria-label={`${label}: renewal term days`} type="number" min={1} step={1} size="small" className="w-24" disabled={off} placeholder={policy?.term_days ? String(policy.term_days) : "required"} value={d.term_days} onChange={(e) => change(d.variant_id, { term_days: e.target.value })} />
                  </Table.Cell>
                  <Table.Cell>
                    <Select size="small" value={d.basis} disabled={off} onValueChange={(v) => change(d.variant_id, { basis: v as RenewalDraft["basis"] })}>
                      <Select.Trigger aria-label={`${label}: renewal basis`} className="w-44"><Select.Value /></Select.Trigger>
                      <Select.Content>
                        <Select.Item value="from_expiry">From expiry</Select.Item>
                        <Select.Item value="from_now_if_expired">From now if expired</Select.Item>
                      </Select.Content>
                    </Select>
                  </Table.Cell>
                  <Table.Cell>
                    <Input aria-label={`${label}: reminder days`} size="small" className="w-36" disabled={off} placeholder="-30, -7, 1, 7" value={d.reminders} onChange={(e) => change(d.variant_id, { reminders: e.target.value })} />
                  </Table.Cell>
                  <Table.Cell>
                    <div className="flex flex-col gap-y-1">
                      {policies.filter((p) => p.variant_id !== d.variant_id).map((target) => {
                        const id = `upgrade-${d.variant_id}-${target.variant_id}`
                        const checked = d.upgrade_paths.includes(target.variant_id)
                        const toggle = () =>
                          change(d.variant_id, { upgrade_paths: checked ? d.upgrade_paths.filter((v) => v !== target.variant_id) : [...d.upgrade_paths, target.variant_id] })
                        return (
                          <div key={target.variant_id} className="flex items-center gap-x-2">
                            <Checkbox id={id} checked={checked} onCheckedChange={toggle} aria-label={`${label}: upgrades to ${target.variant_title}`} />
                            <Label htmlFor={id} size="xsmall">{target.variant_title}</Label>
                          </div>
                        )
                      })}
                    </div>
                  </Table.Cell>
                </Table.Row>
              )
            })}
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "product.details.after" })

export default ProductLicenseRenewalsWidget
