import { Input, Label, Select, Text } from "@medusajs/ui"
import { useId } from "react"
import type { VersionMode } from "./api"
import { FormError } from "../form-error"

/** The Select's value for "follow the product" (a Select item cannot have an empty value). */
const FOLLOW = "follow"

const HELP: Record<VersionMode | typeof FOLLOW, string> = {
  follow: "Uses the product's version rule.",
  off: "Any version of the installed product verifies.",
  pinned: "Only this exact version verifies; others answer version_not_allowed.",
  range: "Versions in this semver range verify; others answer version_not_allowed.",
}

/**
 * Version gating: off, one pinned version, or a semver range. With
 * `allowFollow` (a license's override) the mode may be null = follow the product.
 */
export const VersionFields = ({
  mode,
  pinned,
  range,
  onChange,
  error,
  allowFollow = false,
  disabled,
}: {
  mode: VersionMode | null
  pinned: string
  range: string
  onChange: (patch: { mode?: VersionMode | null; pinned?: string; range?: string }) => void
  error: string | null
  allowFollow?: boolean
  disabled?: boolean
}) => {
  const ids = { mode: useId(), value: useId() }
  const selected = mode ?? FOLLOW
  return (
    <div className="flex flex-col gap-y-2" data-testid="version-fields">
      <div>
        <Label htmlFor={ids.mode} size="small" weight="plus">
          Version gating
        </Label>
        <Text size="xsmall" className="text-ui-fg-subtle">
          {HELP[selected]} The installed product sends its version with each verify call.
        </Text>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Select
          size="small"
          value={selected}
          disabled={disabled}
          onValueChange={(value) => onChange({ mode: value === FOLLOW ? null : (value as VersionMode) })}
        >
          <Select.Trigger id={ids.mode} aria-label="Version gating" className="w-44">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            {allowFollow ? <Select.Item value={FOLLOW}>Follow the product</Select.Item> : null}
            <Select.Item value="off">Off</Select.Item>
            <Select.Item value="pinned">Pinned version</Select.Item>
            <Select.Item value="range">Version range</Select.Item>
          </Select.Content>
        </Select>
        {mode === "pinned" ? (
          <Input
            id={ids.value}
            size="small"
            className="w-40 font-mono"
            aria-label="Pinned version"
            placeholder="2.1.0"
            value={pinned}
            disabled={disabled}
            aria-invalid={!!error}
            onChange={(e) => onChange({ pinned: e.target.value })}
          />
        ) : mode === "range" ? (
          <Input
            id={ids.value}
            size="small"
            className="w-56 font-mono"
            aria-label="Version range"
            placeholder=">=1.2.0 <2.0.0"
            value={range}
            disabled={disabled}
            aria-invalid={!!error}
            onChange={(e) => onChange({ range: e.target.value })}
          />
        ) : null}
      </div>
      <FormError message={error} size="xsmall" />
    </div>
  )
}
