"use client"

import { type ProfileState, updateDiscordId } from "@lib/data/customer"
import { Button, Input, Label, Text } from "@medusajs/ui"
import { useActionState } from "react"

const INITIAL: ProfileState = { error: null, saved: false }

/** The Discord ID field of Account -> Profile (the starter's profile-* forms: one field, one Save). */
export default function ProfileDiscordId({ discordId }: { discordId: string | null }) {
  const [state, action, saving] = useActionState(updateDiscordId, INITIAL)
  return (
    <form action={action} className="flex max-w-sm flex-col gap-y-2" data-testid="profile-discord-id-form">
      <Label htmlFor="profile-discord-id">Discord ID</Label>
      <Input
        id="profile-discord-id"
        name="discord_id"
        inputMode="numeric"
        pattern="\d{17,20}"
        placeholder="17 to 20 digits"
        defaultValue={discordId ?? ""}
        data-testid="discord-id-input"
      />
      <Text size="small" className="text-ui-fg-subtle">
        Your Discord user id (Discord: Settings → Advanced → Developer Mode, then right-click your name → Copy User ID). New
        licenses carry it; leave empty to remove it.
      </Text>
      <Button type="submit" variant="secondary" isLoading={saving} className="self-start" data-testid="save-discord-id">
        Save
      </Button>
      {state.error && <Text className="text-ui-fg-error" role="alert">{state.error}</Text>}
      {state.saved && !state.error && <Text role="status" data-testid="discord-id-saved">Saved.</Text>}
    </form>
  )
}
