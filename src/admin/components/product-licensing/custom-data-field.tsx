import { Label, Text, Textarea } from "@medusajs/ui"
import { useId } from "react"

/** Custom response data: a JSON object, checked as you type; the error is shown under the field. */
export const CustomDataField = ({
  value,
  onChange,
  error,
  hint,
  disabled,
}: {
  value: string
  onChange: (value: string) => void
  error: string | null
  hint: string
  disabled?: boolean
}) => {
  const id = useId()
  const errorId = useId()
  return (
    <div className="flex flex-col gap-y-2">
      <div>
        <Label htmlFor={id} size="small" weight="plus">
          Custom response data
        </Label>
        <Text size="xsmall" className="text-ui-fg-subtle">
          {hint}
        </Text>
      </div>
      <Textarea
        id={id}
        rows={5}
        className="font-mono text-xs"
        placeholder='{"plan": "pro", "features": ["export"]}'
        spellCheck={false}
        value={value}
        disabled={disabled}
        aria-invalid={!!error}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error ? (
        <Text id={errorId} size="xsmall" className="text-ui-fg-error" role="alert" data-testid="custom-data-error">
          {error}
        </Text>
      ) : null}
    </div>
  )
}
