import { Button, Input, Label, Select, Text, Textarea } from "@medusajs/ui"
import { type FormEvent, useState } from "react"
import { errorMessage } from "../../lib/api"
import { useUploadRelease } from "./api"

/** The form that uploads a new draft release: artifact, version, channel, changelog, WordPress metadata, required entitlement. */
export const ReleaseUploadForm = ({ productId }: { productId: string }) => {
  const upload = useUploadRelease(productId)
  const [channel, setChannel] = useState("stable")
  const [error, setError] = useState<string | null>(null)

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setError(null)
    const form = new FormData(event.currentTarget)
    form.set("channel", channel)
    for (const name of ["changelog", "wp_requires", "wp_tested", "wp_requires_php", "required_entitlement"]) {
      if (form.get(name) === "") {
        form.delete(name)
      }
    }
    // The file part last: the server stores the text fields before the bytes arrive.
    const file = form.get("artifact")
    form.delete("artifact")
    if (file) {
      form.append("artifact", file)
    }
    try {
      await upload.mutateAsync(form)
      event.currentTarget?.reset()
    } catch (e) {
      setError(errorMessage(e))
    }
  }

  return (
    <form onSubmit={submit} className="grid grid-cols-2 gap-3 px-6 py-4" data-testid="release-upload-form">
      <div className="flex flex-col gap-y-1">
        <Label htmlFor="release-version">Version</Label>
        <Input id="release-version" name="version" placeholder="1.2.0" required />
      </div>
      <div className="flex flex-col gap-y-1">
        <Label>Channel</Label>
        <Select value={channel} onValueChange={setChannel}>
          <Select.Trigger>
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            {["stable", "beta", "alpha"].map((value) => (
              <Select.Item key={value} value={value}>
                {value}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      </div>
      <div className="col-span-2 flex flex-col gap-y-1">
        <Label htmlFor="release-changelog">Changelog (markdown)</Label>
        <Textarea id="release-changelog" name="changelog" rows={3} />
      </div>
      {[
        ["wp_requires", "Requires WordPress"],
        ["wp_tested", "Tested up to"],
        ["wp_requires_php", "Requires PHP"],
      ].map(([name, label]) => (
        <div key={name} className="flex flex-col gap-y-1">
          <Label htmlFor={`release-${name}`}>{label}</Label>
          <Input id={`release-${name}`} name={name} placeholder="optional" />
        </div>
      ))}
      <div className="flex flex-col gap-y-1">
        <Label htmlFor="release-required_entitlement">Requires entitlement</Label>
        <Input id="release-required_entitlement" name="required_entitlement" placeholder="optional, e.g. pro-export" />
      </div>
      <div className="flex flex-col gap-y-1">
        <Label htmlFor="release-artifact">Artifact</Label>
        <input id="release-artifact" name="artifact" type="file" required className="text-ui-fg-base txt-small" />
      </div>
      <div className="col-span-2 flex items-center justify-end gap-x-3">
        {error ? (
          <Text size="small" className="text-ui-fg-error" role="alert">
            {error}
          </Text>
        ) : null}
        <Button type="submit" size="small" isLoading={upload.isPending}>
          Upload draft
        </Button>
      </div>
    </form>
  )
}
