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

// Modules every signed-in page loads: the client entry, the root and client
// portal layouts, the shell, shared UI atoms, icons and format helpers. They
// travel in the framework chunk (docs/decisions/007-client-bundle-budget.md):
// one gzip stream instead of six compresses ~1.2 KB better, and the sign-in
// page already brings them into the cache. Keep admin-only and page-specific
// modules out of it.
const SHELL_MODULES = new RegExp(
  [
    String.raw`app/(root\.tsx|routes/_client\.tsx)`,
    String.raw`entry\.client`,
    String.raw`app/components/shell/(app-shell|page|project-switcher|nav-client|section-pending)\.`,
    String.raw`app/components/(lazy-error-page|toast-host|logo)\.`,
    String.raw`app/components/ui/(button|badge|slot)\.`,
    String.raw`app/lib/(utils|format|initials|nonce|flash|describe-error)\.`,
    String.raw`node_modules/(clsx|class-variance-authority)/`,
    String.raw`app/components/icons\.`,
  ].join('|'),
)
const FRAMEWORK_MODULES = /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]|rolldown[:/]runtime/

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
  build: { sourcemap: process.env.NOURX_SOURCEMAP === '1' },
  environments: {
    client: {
      build: {
        rolldownOptions: {
          output: {
            codeSplitting: {
              groups: [
                // React, React DOM, React Router (~105 KB gzipped that no page can do
                // without) and the frame of the signed-in pages: cached across pages.
                { name: 'framework', test: (id) => FRAMEWORK_MODULES.test(id) || SHELL_MODULES.test(id) },
              ],
            },
          },
        },
      },
    },
  },
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
      'recharts',
    ],
  },
  server: {
    port: Number(process.env.PORT || 5173),
    strictPort: true,
  },
})
