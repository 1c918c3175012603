import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { Button, Container, Heading, Input, Label, Select, Switch, Table, Text, toast } from "@medusajs/ui"
import { useEffect, useMemo, useState } from "react"
import { errorMessage, useProductLicensePolicies, useSaveProductLicensePolicies } from "../lib/api"
import type { AdminVariantLicensePolicy } from "../lib/types"
import {
  entitlementsBody,
  type EntitlementsDraft,
  entitlementsDraftError,
  PolicyEntitlementsRow,
  toEntitlementsDraft,
} from "../components/entitlements/policy-entitlements-row"
import { expiryBody, type ExpiryDraft, expiryDraftError, PolicyExpiryRow, toExpiryDraft } from "../components/expiry/policy-expiry-row"

type Draft = {
  variant_id: string
  variant_title: string | null
  licensed: boolean
  max_activations: string
  term: "lifetime" | "days"
  term_days: string
  /** Deactivations per rolling 30 days; "" = the default (3 x max activations), "0" = unlimited. */
  deactivations: string
} & ExpiryDraft &
  EntitlementsDraft

const toDraft = (p: AdminVariantLicensePolicy): Draft => ({
  variant_id: p.variant_id,
  variant_title: p.variant_title,
  licensed: p.licensed,
  max_activations: String(p.max_activations),
  term: p.term_days ? "days" : "lifetime",
  term_days: p.term_days ? String(p.term_days) : "365",
  deactivations: p.deactivations_per_30_days === null ? "" : String(p.deactivations_per_30_days),
  ...toExpiryDraft(p),
  ...toEntitlementsDraft(p),
})

/** The problem with a draft row, or null when it can be saved. */
function draftError(d: Draft): string | null {
  const max = Number(d.max_activations)
  if (d.max_activations.trim() === "" || !Number.isInteger(max) || max < 0) {
    return "Max activations: a whole number, 0 or more (0 = unlimited)."
  }
  const days = Number(d.term_days)
  if (d.term === "days" && (d.term_days.trim() === "" || !Number.isInteger(days) || days < 1 || days > 36500)) {
    return "Term: a whole number of days from 1 to 36500."
  }
  const deactivations = Number(d.deactivations)
  if (d.deactivations.trim() !== "" && (!Number.isInteger(deactivations) || deactivations < 0)) {
    return "Deactivations per 30 days: empty (3 x max activations), 0 (unlimited) or a whole number."
  }
  return expiryDraftError(d) ?? entitlementsDraftError(d)
}

/**
 * "License policy" of each variant: licensed or not, max activations
 * (0 = unlimited), term (lifetime or N days from issuance) and the
 * deactivation budget per rolling 30 days (empty = 3 x max activations,
 * 0 = unlimited). Keys already issued keep their caps and terms; the
 * deactivation budget applies to them too (docs/admin.md).
 */
const ProductLicensePolicyWidget = ({ data: product }: DetailWidgetProps<AdminProduct>) => {
  const { data, isLoading, error } = useProductLicensePolicies(product.id)
  const save = useSaveProductLicensePolicies(product.id)
  const [drafts, setDrafts] = useState<Draft[]>([])

  useEffect(() => {
    if (data) {
      setDrafts(data.license_policies.map(toDraft))
    }
  }, [data])

  const saved = useMemo(() => (data?.license_policies ?? []).map(toDraft), [data])
  const dirty = JSON.stringify(drafts) !== JSON.stringify(saved)
  const errors = drafts.map(draftError)
  const invalid = errors.some(Boolean)

  const change = (variantId: string, patch: Partial<Draft>) =>
    setDrafts((current) => current.map((d) => (d.variant_id === variantId ? { ...d, ...patch } : d)))

  const submit = async () => {
    if (invalid) {
      toast.error("Check the license policy", { description: errors.find(Boolean)! })
      return
    }
    try {
      await save.mutateAsync(
        drafts.map((d) => ({
          variant_id: d.variant_id,
          licensed: d.licensed,
          max_activations: Number(d.max_activations),
          term_days: d.term === "days" ? Number(d.term_days) : null,
          deactivations_per_30_days: d.deactivations.trim() === "" ? null : Number(d.deactivations),
          ...expiryBody(d),
          ...entitlementsBody(d),
        }))
      )
      toast.success("License policy saved")
    } catch (e) {
      toast.error("Could not save the license policy", { description: errorMessage(e) })
    }
  }

  return (
    <Container className="divide-y p-0" data-testid="license-policy-widget">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">License policy</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            A licensed variant gets one key per unit sold. Changes apply to keys issued from now on.
          </Text>
        </div>
        <Button size="small" onClick={submit} disabled={!dirty || save.isPending} isLoading={save.isPending}>
          Save
        </Button>
      </div>
      {isLoading ? (
        <Text className="px-6 py-4">Loading…</Text>
      ) : error ? (
        <Text className="text-ui-fg-error px-6 py-4">Could not load the license policy: {errorMessage(error)}</Text>
      ) : !drafts.length ? (
        <Text className="text-ui-fg-subtle px-6 py-4">This product has no variants.</Text>
      ) : (
        <Table>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell>Variant</Table.HeaderCell>
              <Table.HeaderCell>Licensed</Table.HeaderCell>
              <Table.HeaderCell>Max activations</Table.HeaderCell>
              <Table.HeaderCell>Term</Table.HeaderCell>
              <Table.HeaderCell>Deactivations / 30 days</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {drafts.map((d, index) => {
              const label = d.variant_title ?? d.variant_id
              return [
                <Table.Row key={d.variant_id} data-testid="policy-row" data-variant-title={label}>
                  <Table.Cell>
                    <Text size="small" weight="plus">
                      {label}
                    </Text>
                    {errors[index] ? (
                      <Text size="xsmall" className="text-ui-fg-error" role="alert">
                        {errors[index]}
                      </Text>
                    ) : null}
                  </Table.Cell>
                  <Table.Cell>
                    <Switch
                      aria-label={`${label}: licensed`}
                      checked={d.licensed}
                      onCheckedChange={(licensed) => change(d.variant_id, { licensed })}
                    />
                  </Table.Cell>
                  <Table.Cell>
                    <Input
                      aria-label={`${label}: max activations`}
                      type="number"
                      min={0}
                      step={1}
                      size="small"
                      className="w-24"
                      disabled={!d.licensed}
                      value={d.max_activations}
                      onChange={(e) => change(d.variant_id, { max_activations: e.target.value })}
                    />
                  </Table.Cell>
                  <Table.Cell>
                    <div className="flex items-center gap-x-2">
                      <Select
                        size="small"
                        value={d.term}
                        disabled={!d.licensed}
                        onValueChange={(term) => change(d.variant_id, { term: term as Draft["term"] })}
                      >
                        <Select.Trigger aria-label={`${label}: term`} className="w-28">
                          <Select.Value />
                        </Select.Trigger>
                        <Select.Content>
                          <Select.Item value="lifetime">Lifetime</Select.Item>
                          <Select.Item value="days">Days</Select.Item>
                        </Select.Content>
                      </Select>
                      {d.term === "days" ? (
                        <Label className="flex items-center gap-x-1">
                          <Input
                            aria-label={`${label}: term days`}
                            type="number"
                            min={1}
                            step={1}
                            size="small"
                            className="w-20"
                            disabled={!d.licensed}
                            value={d.term_days}
                            onChange={(e) => change(d.variant_id, { term_days: e.target.value })}
                          />
                          <Text size="small" className="text-ui-fg-subtle">
                            days
                          </Text>
                        </Label>
                      ) : null}
                    </div>
                  </Table.Cell>
                  <Table.Cell>
                    <Input
                      aria-label={`${label}: deactivations per 30 days`}
                      type="number"
                      min={0}
                      step={1}
                      size="small"
                      className="w-24"
                      disabled={!d.licensed}
                      placeholder={
                        Number(d.max_activations) === 0 ? "Unlimited" : String(3 * (Number(d.max_activations) || 0))
                      }
                      value={d.deactivations}
                      onChange={(e) => change(d.variant_id, { deactivations: e.target.value })}
                    />
                  </Table.Cell>
                </Table.Row>,
                <PolicyExpiryRow
                  key={`${d.variant_id}-expiry`}
                  label={label}
                  draft={d}
                  disabled={!d.licensed}
                  columns={5}
                  onChange={(patch) => change(d.variant_id, patch)}
                />,
                <PolicyEntitlementsRow
                  key={`${d.variant_id}-entitlements`}
                  label={label}
                  draft={d}
                  disabled={!d.licensed}
                  columns={5}
                  onChange={(patch) => change(d.variant_id, patch)}
                />,
              ]
            })}
          </Table.Body>
        </Table>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({ zone: "product.details.after" })

export default ProductLicensePolicyWidget
