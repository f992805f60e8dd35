import { cloudflare } from '@cloudflare/vite-plugin'
import { reactRouter } from '@react-router/dev/vite'
import tailwindcss from '@tailwindcss/vite'
import { defineConfig } from 'vite'

// scripts/dev.ts sets these when it runs an isolated stack (tests, custom
// ports): a generated Wrangler config in a temp dir whose sibling `.dev.vars`
// points at that stack, and a temp state dir, so the developer's own
// `.dev.vars` and `.wrangler/state` are never read nor touched.
// See docs/decisions/005-isolated-dev-stack.md.
const configPath = process.env.NOURX_DEV_WRANGLER_CONFIG || undefined
const statePath = process.env.NOURX_DEV_STATE_DIR || undefined
// Two Vite servers optimising dependencies into one cache dir race each other.
const cacheDir = process.env.NOURX_DEV_VITE_CACHE_DIR || undefined

export default defineConfig({
  cacheDir,
  plugins: [
    cloudflare({
      viteEnvironment: { name: 'ssr' },
      configPath,
      persistState: statePath ? { path: statePath } : true,
      // Isolated stacks run next to the developer's: no fixed debugger port.
      inspectorPort: configPath ? false : undefined,
    }),
    tailwindcss(),
    reactRouter(),
  ],
  resolve: {
    tsconfigPaths: true,
  },
  // Pre-bundled at startup rather than discovered on the first page view
  // (a discovery re-optimises and reloads the page, which flakes E2E runs).
  optimizeDeps: {
    include: [
      'react',
      'react-dom',
      'react-dom/client',
      'react-router',
      'lucide-react',
      'clsx',
      'class-variance-authority',
      'radix-ui',
      'sonner',
      'zod',
      // Deps of back-office and form pages: listed so that the first visit to
      // such a page does not make Vite re-optimise and reload mid-test.
      '@dnd-kit/core',
      '@dnd-kit/sortable',
      '@dnd-kit/utilities',
      '@conform-to/react',
      '@conform-to/zod/v4',
    ],
  },
  server: {
    port: Number(process.env.PORT || 5173),
    strictPort: true,
  },
})
