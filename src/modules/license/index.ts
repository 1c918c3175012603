import { Module } from "@medusajs/framework/utils"
import validateOptions from "./loaders/validate-options"
import LicenseModuleService from "./service"

export const LICENSE_MODULE = "license"

export default Module(LICENSE_MODULE, {
  service: LicenseModuleService,
  loaders: [validateOptions],
})

export * from "./types"
export type { LicenseModuleOptions } from "./options"
export type { IssueLicenseInput, IssueLicensesResult, LicenseDTO, LicensePolicyDTO } from "./service"
