import { retrieveCustomer } from "@lib/data/customer"
import { Heading, Text } from "@medusajs/ui"
import ProfileDiscordId from "@modules/account/components/profile-discord-id"
import type { Metadata } from "next"

export const metadata: Metadata = { title: "Profile", description: "Your account details." }

export default async function ProfilePage() {
  const customer = await retrieveCustomer()
  const discordId = customer?.metadata?.discord_id
  return (
    <div className="flex w-full flex-col gap-y-6" data-testid="profile-page-wrapper">
      <div className="flex flex-col gap-y-4">
        <Heading level="h1" className="text-2xl-semi">
          Profile
        </Heading>
        <Text>E-mail: {customer?.email}</Text>
      </div>
      <ProfileDiscordId discordId={typeof discordId === "string" ? discordId : null} />
    </div>
  )
}
