import { XMarkMini } from "@medusajs/icons"
import { Button, Input, Label, Text } from "@medusajs/ui"
import { type KeyboardEvent, useId, useState } from "react"
import { FormError } from "../form-error"

/**
 * An editable list of short entries shown as chips: type one (or several,
 * separated by spaces, commas or new lines) and press Enter or Add; each chip
 * has a remove button. Entries are normalised, checked and de-duplicated.
 */
export const ListEditor = ({
  label,
  hint,
  placeholder,
  values,
  onChange,
  normalise,
  validate,
  testId,
  disabled,
}: {
  label: string
  hint?: string
  placeholder: string
  values: string[]
  onChange: (values: string[]) => void
  normalise: (entry: string) => string
  validate: (entry: string) => string | null
  testId: string
  disabled?: boolean
}) => {
  const [text, setText] = useState("")
  const [error, setError] = useState<string | null>(null)
  const inputId = useId()

  const add = () => {
    const entries = text
      .split(/[\s,]+/)
      .map(normalise)
      .filter(Boolean)
    if (!entries.length) {
      return
    }
    const problem = entries.map(validate).find(Boolean)
    if (problem) {
      setError(problem)
      return
    }
    onChange([...values, ...entries.filter((entry, i) => !values.includes(entry) && entries.indexOf(entry) === i)])
    setText("")
    setError(null)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault()
      add()
    }
  }

  return (
    <div className="flex flex-col gap-y-2" data-testid={testId}>
      <div>
        <Label htmlFor={inputId} size="small" weight="plus">
          {label}
        </Label>
        {hint ? (
          <Text size="xsmall" className="text-ui-fg-subtle">
            {hint}
          </Text>
        ) : null}
      </div>
      {values.length ? (
        <ul className="flex flex-wrap gap-1" aria-label={label}>
          {values.map((value) => (
            <li
              key={value}
              data-testid="list-entry"
              className="bg-ui-bg-subtle shadow-borders-base txt-compact-xsmall flex items-center gap-x-1 rounded-md py-0.5 pl-2 pr-0.5 font-mono"
            >
              <span>{value}</span>
              <button
                type="button"
                aria-label={`Remove ${value}`}
                disabled={disabled}
                className="text-ui-fg-muted hover:text-ui-fg-subtle rounded p-0.5"
                onClick={() => onChange(values.filter((v) => v !== value))}
              >
                <XMarkMini />
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <Text size="xsmall" className="text-ui-fg-muted">
          None.
        </Text>
      )}
      <div className="flex items-center gap-x-2">
        <Input
          id={inputId}
          size="small"
          className="font-mono"
          placeholder={placeholder}
          value={text}
          disabled={disabled}
          aria-invalid={!!error}
          onChange={(e) => {
            setText(e.target.value)
            setError(null)
          }}
          onKeyDown={onKeyDown}
        />
        <Button type="button" size="small" variant="secondary" disabled={disabled || !text.trim()} onClick={add}>
          Add
        </Button>
      </div>
      <FormError message={error} size="xsmall" />
    </div>
  )
}
