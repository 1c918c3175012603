import { Badge, Button, Input, Text } from "@medusajs/ui"
import { type FormEvent, useState } from "react"
import { errorMessage } from "../../lib/api"
import { FormError } from "../form-error"
import { type AdminRelease, useEditReleaseEntitlement } from "./api"

/**
 * A release's required entitlement in the Releases table: the code (or "every key"), edited in
 * place. Empty saves "none"; a malformed code is answered 400 invalid_entitlement, shown here.
 */
export const RequiredEntitlementCell = ({ productId, release }: { productId: string; release: AdminRelease }) => {
  const edit = useEditReleaseEntitlement(productId)
  const [editing, setEditing] = useState(false)
  const [value, setValue] = useState(release.required_entitlement ?? "")
  const [error, setError] = useState<string | null>(null)

  const save = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    setError(null)
    try {
      await edit.mutateAsync({ id: release.id, required_entitlement: value.trim() === "" ? null : value.trim() })
      setEditing(false)
    } catch (e) {
      setError(errorMessage(e))
    }
  }

  if (!editing) {
    return (
      <div className="flex items-center gap-x-2">
        {release.required_entitlement ? (
          <Badge size="2xsmall" color="purple">
            {release.required_entitlement}
          </Badge>
        ) : (
          <Text size="small" className="text-ui-fg-subtle">
            every key
          </Text>
        )}
        <Button
          size="small"
          variant="transparent"
          aria-label={`Edit the required entitlement of ${release.version}`}
          onClick={() => {
            setValue(release.required_entitlement ?? "")
            setEditing(true)
          }}
        >
          Edit
        </Button>
      </div>
    )
  }
  return (
    <form onSubmit={save} className="flex flex-col gap-y-1" data-testid={`release-entitlement-form-${release.version}`}>
      <div className="flex items-center gap-x-2">
        <Input size="small" value={value} onChange={(e) => setValue(e.target.value)} placeholder="none" aria-label="Required entitlement" />
        <Button size="small" type="submit" isLoading={edit.isPending}>
          Save
        </Button>
        <Button size="small" variant="secondary" type="button" onClick={() => setEditing(false)}>
          Cancel
        </Button>
      </div>
      <FormError message={error} />
    </form>
  )
}
