import { Input, Label, Text } from "@medusajs/ui"
import { useId } from "react"
import { FormError } from "../form-error"

/** The product's daily verify quota: calls per UTC day of its keys, empty or 0 = none. */
export const QuotaField = ({ value, error, onChange }: { value: string; error: string | null; onChange: (value: string) => void }) => {
  const id = useId()
  return (
    <div className="flex flex-col gap-y-1" data-testid="daily-verify-quota">
      <div className="flex items-start justify-between gap-x-4">
        <div>
          <Label htmlFor={id} size="small" weight="plus">
            Daily verify quota
          </Label>
          <Text size="xsmall" className="text-ui-fg-subtle">
            Verify calls per UTC day for all of this product's keys (verify, heartbeat, update check, license file).
            Past it, calls answer quota_exceeded until midnight UTC. 0 = no quota.
          </Text>
        </div>
        <Input
          id={id}
          size="small"
          inputMode="numeric"
          className="w-32 shrink-0 font-mono"
          placeholder="0"
          value={value}
          aria-invalid={!!error}
          onChange={(e) => onChange(e.target.value)}
        />
      </div>
      <FormError message={error} size="xsmall" />
    </div>
  )
}
