import { Module } from "@medusajs/framework/utils"
import ReleaseModuleService from "./service"

export const RELEASE_MODULE = "release"

export default Module(RELEASE_MODULE, {
  service: ReleaseModuleService,
})

export type { ReleaseModuleOptions } from "./options"
export type { ReleaseDTO, ReleaseRow } from "./service"
export { ReleaseEvents } from "./types"
