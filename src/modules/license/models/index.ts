export { default as License } from "./license"
export { default as LicenseActivation } from "./license-activation"
export { default as LicenseEvent } from "./license-event"
export { default as LicensePolicy } from "./license-policy"
