import type { Config } from '@react-router/dev/config'

export default {
  // Server rendering on the Worker: pages work before (and without) JS.
  ssr: true,
  // The bundle benchmark builds into a temp dir so it never races `build/`.
  buildDirectory: process.env.NOURX_BUILD_DIR || 'build',
  future: {
    // Root middleware owns the per-request Supabase client and forwards its
    // Set-Cookie headers onto every response, thrown redirects included.
    v8_middleware: true,
    // Required by @cloudflare/vite-plugin (the Worker is a Vite environment).
    v8_viteEnvironmentApi: true,
    // Client-only route exports load separately from loader/action code.
    v8_splitRouteModules: true,
  },
} satisfies Config
