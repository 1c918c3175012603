import { Label, Select, Switch, Text } from "@medusajs/ui"
import { useId, useMemo } from "react"
import { SaveSection, useSaveWithFeedback } from "../save-section"
import { type ProductLicenseSettings, type ProductLicenseSettingsBody, useSaveProductLicenseSettings } from "./api"
import { CustomDataField } from "./custom-data-field"
import { formatCustomData, parseCustomData, parseDailyQuota, versionAndDataChanges, versionError } from "./form"
import { QuotaField } from "./quota-field"
import { useDraft } from "./use-draft"
import { VersionFields } from "./version-fields"

type Toggle = "enforce_activation_limit" | "enforce_expiry" | "sign_answers" | "webhooks_enabled"

const TOGGLES: { field: Toggle; label: string; help: string }[] = [
  {
    field: "enforce_activation_limit",
    label: "Enforce activation limit",
    help: "Off: new domains and IPs are still recorded, but never refused when every slot is taken.",
  },
  {
    field: "enforce_expiry",
    label: "Enforce expiry",
    help: "Off: expired keys still answer valid, with the expiry date in the answer.",
  },
  {
    field: "sign_answers",
    label: "Signed answers",
    help: "Each answer carries a signature the installed product checks with the public key, also offline.",
  },
  {
    field: "webhooks_enabled",
    label: "Send webhooks",
    help: "Off: no webhook is sent for this product's licenses (the endpoints are in Settings → License webhooks).",
  },
]

type IpEnforcement = ProductLicenseSettings["ip_enforcement"]

const IP_MODES: { value: IpEnforcement; label: string; help: string }[] = [
  { value: "domain_or_ip", label: "Domain, else IP", help: "A call's domain holds a slot; a call without one holds its IP's. Machines hold their own." },
  { value: "domain_only", label: "Domain only", help: "A call without a domain answers domain_required. Machines that send a domain hold their own slot." },
  { value: "ip_only", label: "IP only", help: "The server's IP holds the slot, whatever domain or machine it names; the domain is kept as the slot's name." },
]

const IpEnforcementRow = ({ value, onChange }: { value: IpEnforcement; onChange: (value: IpEnforcement) => void }) => {
  const id = useId()
  return (
    <div className="flex items-start justify-between gap-x-4" data-testid="ip-enforcement">
      <div>
        <Label htmlFor={id} size="small" weight="plus">
          What counts toward the cap
        </Label>
        <Text size="xsmall" className="text-ui-fg-subtle">
          {IP_MODES.find((m) => m.value === value)?.help}
        </Text>
      </div>
      <Select size="small" value={value} onValueChange={(next) => onChange(next as IpEnforcement)}>
        <Select.Trigger id={id} aria-label="What counts toward the cap" className="w-44 shrink-0">
          <Select.Value />
        </Select.Trigger>
        <Select.Content>
          {IP_MODES.map((m) => (
            <Select.Item key={m.value} value={m.value}>
              {m.label}
            </Select.Item>
          ))}
        </Select.Content>
      </Select>
    </div>
  )
}

const toDraft = (s: ProductLicenseSettings) => ({
  ip_enforcement: s.ip_enforcement ?? "domain_or_ip",
  daily_verify_quota: String(s.daily_verify_quota ?? 0),
  enforce_activation_limit: s.enforce_activation_limit,
  enforce_expiry: s.enforce_expiry,
  sign_answers: s.sign_answers,
  webhooks_enabled: s.webhooks_enabled,
  version_mode: s.version_mode,
  version_pinned: s.version_pinned ?? "",
  version_range: s.version_range ?? "",
  custom_data: formatCustomData(s.custom_data),
})

const ToggleRow = ({
  label,
  help,
  checked,
  onChange,
}: {
  label: string
  help: string
  checked: boolean
  onChange: (checked: boolean) => void
}) => {
  const id = useId()
  return (
    <div className="flex items-start justify-between gap-x-4">
      <div>
        <Label htmlFor={id} size="small" weight="plus">
          {label}
        </Label>
        <Text size="xsmall" className="text-ui-fg-subtle">
          {help}
        </Text>
      </div>
      <Switch id={id} className="shrink-0" checked={checked} onCheckedChange={onChange} />
    </div>
  )
}

/** Enforcement switches, version gating and custom response data, saved together. */
export const RulesSection = ({ settings }: { settings: ProductLicenseSettings }) => {
  const saved = useMemo(() => toDraft(settings), [settings])
  const { draft, patch, dirty } = useDraft(saved)
  const save = useSaveProductLicenseSettings(settings.product_id)
  const { save: saveWithFeedback, error } = useSaveWithFeedback(save.mutateAsync, {
    saved: "Verify rules saved",
    failed: "Could not save the verify rules",
  })

  const customData = parseCustomData(draft.custom_data)
  const versionProblem = versionError(draft.version_mode, draft.version_pinned, draft.version_range)
  const quota = parseDailyQuota(draft.daily_verify_quota)
  const invalid = !!customData.error || !!versionProblem || !!quota.error

  const submit = () => {
    if (invalid) {
      return
    }
    const body: ProductLicenseSettingsBody = versionAndDataChanges(draft, saved, customData.value)
    for (const { field } of TOGGLES) {
      if (draft[field] !== saved[field]) {
        body[field] = draft[field]
      }
    }
    if (draft.ip_enforcement !== saved.ip_enforcement) {
      body.ip_enforcement = draft.ip_enforcement
    }
    if (quota.value !== null && quota.value !== Number(saved.daily_verify_quota)) {
      body.daily_verify_quota = quota.value
    }
    return saveWithFeedback(body)
  }

  return (
    <SaveSection
      testId="license-rules-section"
      title="Verify rules"
      description="How the Verify API answers for every key of this product, and whether its licenses send webhooks."
      canSave={dirty && !invalid}
      isSaving={save.isPending}
      onSave={submit}
      error={error}
    >
      <div className="flex flex-col gap-y-4 px-6 py-4">
        {TOGGLES.map(({ field, label, help }) => (
          <ToggleRow
            key={field}
            label={label}
            help={help}
            checked={draft[field]}
            onChange={(checked) => patch({ [field]: checked })}
          />
        ))}
        <IpEnforcementRow value={draft.ip_enforcement} onChange={(ip_enforcement) => patch({ ip_enforcement })} />
        <QuotaField
          value={draft.daily_verify_quota}
          error={quota.error}
          onChange={(daily_verify_quota) => patch({ daily_verify_quota })}
        />
      </div>
      <div className="px-6 py-4">
        <VersionFields
          mode={draft.version_mode}
          pinned={draft.version_pinned}
          range={draft.version_range}
          error={versionProblem}
          onChange={({ mode, pinned, range }) =>
            patch({
              ...(mode !== undefined ? { version_mode: mode ?? "off" } : {}),
              ...(pinned !== undefined ? { version_pinned: pinned } : {}),
              ...(range !== undefined ? { version_range: range } : {}),
            })
          }
        />
      </div>
      <div className="px-6 py-4">
        <CustomDataField
          value={draft.custom_data}
          error={customData.error}
          onChange={(custom_data) => patch({ custom_data })}
          hint="A JSON object returned as `data` in every valid verify answer (plan, feature flags, download URL…), at most 16 KB. Empty for none."
        />
      </div>
    </SaveSection>
  )
}
