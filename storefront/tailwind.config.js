const path = require("path")

// @medusajs/ui's preset, as in Medusa's Next.js starter; the content globs
// include @medusajs/ui's own files so its class names survive purging.
/** @type {import('tailwindcss').Config} */
module.exports = {
  darkMode: "class",
  presets: [require("@medusajs/ui-preset")],
  content: [
    "./src/app/**/*.{js,ts,jsx,tsx}",
    "./src/modules/**/*.{js,ts,jsx,tsx}",
    path.join(path.dirname(require.resolve("@medusajs/ui")), "..", "**/*.{js,jsx,ts,tsx}"),
  ],
  theme: {
    extend: {
      maxWidth: { "8xl": "100rem" },
      screens: { small: "1024px", medium: "1280px" },
    },
  },
  plugins: [],
}
