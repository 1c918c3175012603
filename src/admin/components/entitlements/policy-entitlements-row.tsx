import { Input, Label, Table, Text } from "@medusajs/ui"

/** The form state of a variant's entitlements and license-file life (inputs hold text). */
export type EntitlementsDraft = {
  /** Comma-separated codes, e.g. "pro-export, priority-support". */
  entitlements: string
  /** Hours an offline license file is valid. */
  license_file_ttl_hours: string
}

export const toEntitlementsDraft = (p: { entitlements?: string[]; license_file_ttl_hours?: number }): EntitlementsDraft => ({
  entitlements: (p.entitlements ?? []).join(", "),
  license_file_ttl_hours: String(p.license_file_ttl_hours ?? 720),
})

const CODE = /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/
const codesOf = (text: string) =>
  text
    .split(",")
    .map((c) => c.trim())
    .filter(Boolean)

/** The problem with the draft, or null (the server checks again: invalid_entitlement). */
export function entitlementsDraftError(d: EntitlementsDraft): string | null {
  const bad = codesOf(d.entitlements).filter((c) => c.length < 2 || c.length > 64 || !CODE.test(c))
  if (bad.length) {
    return `Entitlements: ${bad.join(", ")} is not a code (lower-case letters and digits joined by - _ or ., e.g. pro-export).`
  }
  const ttl = Number(d.license_file_ttl_hours)
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 87600) {
    return "License file valid for: 1 to 87600 hours."
  }
  return null
}

export const entitlementsBody = (d: EntitlementsDraft) => ({
  entitlements: codesOf(d.entitlements),
  license_file_ttl_hours: Number(d.license_file_ttl_hours),
})

/** A third row under a variant's policy: its entitlement codes and how long an offline license file lasts. */
export const PolicyEntitlementsRow = ({
  label,
  draft,
  disabled,
  columns,
  onChange,
}: {
  label: string
  draft: EntitlementsDraft
  disabled: boolean
  columns: number
  onChange: (patch: Partial<EntitlementsDraft>) => void
}) => (
  <Table.Row data-testid="policy-entitlements-row" data-variant-title={label}>
    <td colSpan={columns} className="px-6">
      <div className="grid grid-cols-4 gap-x-4 py-2">
        <Label className="col-span-3 flex flex-col gap-y-1">
          <Text size="xsmall" weight="plus">
            Entitlements
          </Text>
          <Input
            aria-label={`${label}: entitlements`}
            size="small"
            placeholder="pro-export, priority-support"
            disabled={disabled}
            value={draft.entitlements}
            onChange={(e) => onChange({ entitlements: e.target.value })}
          />
          <Text size="xsmall" className="text-ui-fg-subtle">
            Feature codes copied onto keys issued from now on; verify answers them.
          </Text>
        </Label>
        <Label className="flex flex-col gap-y-1">
          <Text size="xsmall" weight="plus">
            License file valid for (hours)
          </Text>
          <Input
            aria-label={`${label}: license file hours`}
            type="number"
            min={1}
            step={1}
            size="small"
            disabled={disabled}
            value={draft.license_file_ttl_hours}
            onChange={(e) => onChange({ license_file_ttl_hours: e.target.value })}
          />
          <Text size="xsmall" className="text-ui-fg-subtle">
            Offline license files; never beyond the key's expiry.
          </Text>
        </Label>
      </div>
    </td>
  </Table.Row>
)
