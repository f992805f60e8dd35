// The PDF module inside workerd, the runtime of the deployed Worker:
//   PATH=$PWD/node_modules/.bin:$PATH vitest run --config app/lib/pdf/vitest.workers.config.ts
// Proves that the fonts load as Wrangler Data modules (`*.bin` → ArrayBuffer,
// Wrangler's default module rule) and that pdf-lib + fontkit run there.
// The compatibility date and flags are read from wrangler.toml so the test
// runtime matches the deployed one.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { cloudflareTest } from '@cloudflare/vitest-plugin'
import { parse } from 'smol-toml'
import { defineConfig } from 'vitest/config'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const wrangler = parse(readFileSync(`${root}/wrangler.toml`, 'utf8')) as {
  compatibility_date: string
  compatibility_flags?: string[]
}

export default defineConfig({
  root,
  plugins: [
    cloudflareTest({
      miniflare: {
        compatibilityDate: wrangler.compatibility_date,
        compatibilityFlags: wrangler.compatibility_flags ?? [],
        // Wrangler's default rule, which wrangler/@cloudflare/vite-plugin apply
        // to the real Worker; without a Wrangler config the pool needs it spelled out.
        modulesRules: [{ type: 'Data', include: ['**/*.bin'] }],
      },
    }),
  ],
  test: {
    name: 'pdf-workers',
    include: ['app/lib/pdf/**/*.workers.test.ts'],
    testTimeout: 60_000,
  },
})
