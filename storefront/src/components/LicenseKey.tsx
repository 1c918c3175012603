import { CopyButton } from "./CopyButton"

/** The full key, selectable, with a Copy button. */
export function LicenseKey({ value, productName }: { value: string; productName: string }) {
  return (
    <div className="lk-key">
      <code className="lk-key__value" data-testid="license-key">
        {value}
      </code>
      <CopyButton text={value} label={`Copy the license key for ${productName}, ending ${value.slice(-5)}`} />
    </div>
  )
}
