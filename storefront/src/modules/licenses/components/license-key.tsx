import CopyKeyButton from "./copy-key-button"

/** The key in a monospace box, selectable, with its Copy button. */
export default function LicenseKey({ licenseKey, label }: { licenseKey: string; label: string }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <code
        className="rounded-md border border-ui-border-base bg-ui-bg-subtle px-2 py-1 font-mono text-sm break-all select-all"
        data-testid="license-key"
      >
        {licenseKey}
      </code>
      <CopyKeyButton licenseKey={licenseKey} label={label} />
    </div>
  )
}
