import fs from "node:fs"
import type { ExecArgs } from "@medusajs/framework/types"
import { seedDemoStore } from "./lib/seed-demo-store"

export default async function seed({ container }: ExecArgs) {
  const store = await seedDemoStore(container)
  if (process.env.SEED_OUTPUT) {
    fs.writeFileSync(process.env.SEED_OUTPUT, JSON.stringify(store, null, 2))
  }
}
