/** Defined by the dashboard's Vite build from `admin.backendUrl` (medusa-config.ts). */
declare const __BACKEND_URL__: string
