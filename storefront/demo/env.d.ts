/** Injected by the demo's Vite server (define), from MEDUSA_PUBLISHABLE_KEY or .data/seed.json. */
declare const __MEDUSA_PUBLISHABLE_KEY__: string
