export { default as Release } from "./release"
export { default as ReleaseDownload } from "./release-download"
