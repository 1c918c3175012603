import { Button, Label, Switch, Text, toast, usePrompt } from "@medusajs/ui"
import { useId } from "react"
import { errorMessage } from "../../lib/api"
import { formatDateTime } from "../../lib/format"
import {
  type ProductLicenseSettings,
  useGenerateProductApiKey,
  useSaveProductLicenseSettings,
} from "./api"

/** "lk_live_ab12" -> "lk_live_ab12…": only the start of a key is ever shown again. */
export const formatKeyPrefix = (prefix: string) => `${prefix}…`

/**
 * Require API key (switch), the key's prefix, Generate / Rotate. A new key
 * goes to `onApiKey`, which shows it once.
 */
export const ApiKeySection = ({
  settings,
  onApiKey,
}: {
  settings: ProductLicenseSettings
  onApiKey: (key: string) => void
}) => {
  const prompt = usePrompt()
  const save = useSaveProductLicenseSettings(settings.product_id)
  const generate = useGenerateProductApiKey(settings.product_id)
  const switchId = useId()
  const hasKey = !!settings.api_key_prefix

  const setRequired = async (require_api_key: boolean) => {
    if (!require_api_key) {
      const confirmed = await prompt({
        title: "Stop requiring the API key?",
        description: "Verify calls for this product are answered without the key. The key is kept for later.",
        confirmText: "Stop requiring",
        cancelText: "Cancel",
      })
      if (!confirmed) {
        return
      }
    }
    try {
      const { api_key } = await save.mutateAsync({ require_api_key })
      if (api_key) {
        onApiKey(api_key)
      }
      toast.success(require_api_key ? "API key required" : "API key no longer required")
    } catch (error) {
      toast.error("Could not change the API key setting", { description: errorMessage(error) })
    }
  }

  const generateKey = async () => {
    if (hasKey) {
      const confirmed = await prompt({
        title: "Rotate the API key?",
        description:
          "The current key stops working at once: every server that verifies with it gets invalid_api_key until it has the new one.",
        confirmText: "Rotate",
        cancelText: "Cancel",
      })
      if (!confirmed) {
        return
      }
    }
    try {
      const { api_key } = await generate.mutateAsync()
      onApiKey(api_key)
      toast.success(hasKey ? "API key rotated" : "API key generated")
    } catch (error) {
      toast.error(hasKey ? "Could not rotate the API key" : "Could not generate the API key", {
        description: errorMessage(error),
      })
    }
  }

  return (
    <div className="flex flex-col gap-y-3 px-6 py-4" data-testid="api-key-section">
      <div className="flex items-start justify-between gap-x-4">
        <div>
          <Label htmlFor={switchId} size="small" weight="plus">
            Require API key
          </Label>
          <Text size="xsmall" className="text-ui-fg-subtle">
            Verify calls must then carry this product's secret API key. Turn it on when your own server validates
            licenses; leave it off for desktop apps and WordPress plugins, which cannot keep a secret.
          </Text>
        </div>
        <Switch
          id={switchId}
          className="shrink-0"
          checked={settings.require_api_key}
          disabled={save.isPending}
          onCheckedChange={setRequired}
        />
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div>
          <Text size="small" className="font-mono" data-testid="api-key-prefix">
            {hasKey ? formatKeyPrefix(settings.api_key_prefix!) : "No API key yet"}
          </Text>
          {hasKey && settings.api_key_created_at ? (
            <Text size="xsmall" className="text-ui-fg-muted">
              Created {formatDateTime(settings.api_key_created_at)}
            </Text>
          ) : null}
        </div>
        <Button size="small" variant="secondary" isLoading={generate.isPending} onClick={generateKey}>
          {hasKey ? "Rotate key" : "Generate key"}
        </Button>
      </div>
    </div>
  )
}
