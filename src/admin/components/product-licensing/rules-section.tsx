import { Button, Container, Heading, Label, Switch, Text, toast } from "@medusajs/ui"
import { useId, useMemo, useState } from "react"
import { errorMessage } from "../../lib/api"
import { type ProductLicenseSettings, type ProductLicenseSettingsBody, useSaveProductLicenseSettings } from "./api"
import { CustomDataField } from "./custom-data-field"
import { formatCustomData, parseCustomData, versionError } from "./form"
import { useDraft } from "./use-draft"
import { VersionFields } from "./version-fields"

type Toggle = "enforce_activation_limit" | "enforce_expiry" | "sign_answers"

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
]

const toDraft = (s: ProductLicenseSettings) => ({
  enforce_activation_limit: s.enforce_activation_limit,
  enforce_expiry: s.enforce_expiry,
  sign_answers: s.sign_answers,
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
  const [serverError, setServerError] = useState<string | null>(null)

  const customData = parseCustomData(draft.custom_data)
  const versionProblem = versionError(draft.version_mode, draft.version_pinned, draft.version_range)
  const invalid = !!customData.error || !!versionProblem

  const submit = async () => {
    if (invalid) {
      return
    }
    const body: ProductLicenseSettingsBody = {}
    for (const { field } of TOGGLES) {
      if (draft[field] !== saved[field]) {
        body[field] = draft[field]
      }
    }
    if (draft.version_mode !== saved.version_mode) {
      body.version_mode = draft.version_mode
    }
    if (draft.version_pinned !== saved.version_pinned || (draft.version_mode === "pinned" && body.version_mode)) {
      body.version_pinned = draft.version_pinned.trim() || null
    }
    if (draft.version_range !== saved.version_range || (draft.version_mode === "range" && body.version_mode)) {
      body.version_range = draft.version_range.trim() || null
    }
    if (draft.custom_data !== saved.custom_data) {
      body.custom_data = customData.value
    }
    setServerError(null)
    try {
      await save.mutateAsync(body)
      toast.success("Verify rules saved")
    } catch (error) {
      setServerError(errorMessage(error))
      toast.error("Could not save the verify rules", { description: errorMessage(error) })
    }
  }

  return (
    <Container className="divide-y p-0" data-testid="license-rules-section">
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <div>
          <Heading level="h2">Verify rules</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            How the Verify API answers for every key of this product.
          </Text>
        </div>
        <Button size="small" onClick={submit} disabled={!dirty || invalid || save.isPending} isLoading={save.isPending}>
          Save
        </Button>
      </div>
      {serverError ? (
        <Text size="small" className="text-ui-fg-error px-6 py-3" role="alert">
          {serverError}
        </Text>
      ) : null}
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
    </Container>
  )
}
