import { Button, toast, usePrompt } from "@medusajs/ui"
import { errorMessage } from "../../lib/api"
import { type ProductLicenseSettings, useSaveProductLicenseSettings } from "./api"

/** Archive (every key answers product_archived and takes no slot) or unarchive, after a confirmation. */
export const ArchiveButton = ({ settings }: { settings: ProductLicenseSettings }) => {
  const prompt = usePrompt()
  const save = useSaveProductLicenseSettings(settings.product_id)
  const archived = !!settings.archived_at

  const toggle = async () => {
    const confirmed = await prompt({
      title: archived ? "Unarchive this product's licenses?" : "Archive this product's licenses?",
      description: archived
        ? "Its keys verify again as before, each by its own status and expiry."
        : "Every key of this product answers product_archived and takes no activation slot until you unarchive it. Nothing is deleted.",
      confirmText: archived ? "Unarchive" : "Archive",
      cancelText: "Cancel",
      variant: archived ? "confirmation" : "danger",
    })
    if (!confirmed) {
      return
    }
    try {
      await save.mutateAsync({ archived: !archived })
      toast.success(archived ? "Licenses unarchived" : "Licenses archived")
    } catch (error) {
      toast.error(archived ? "Could not unarchive" : "Could not archive", { description: errorMessage(error) })
    }
  }

  return (
    <Button size="small" variant="secondary" isLoading={save.isPending} onClick={toggle}>
      {archived ? "Unarchive" : "Archive"}
    </Button>
  )
}
