export * from "./issue-license-manually"
export * from "./issue-order-licenses"
export * from "./set-product-license-policies"
