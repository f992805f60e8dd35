// Database tests: migrations, RLS matrix, money rules, storage policies,
// lints, seed and generated types — each file on its own throwaway local
// Supabase (temp data dir, free port). The EXPLAIN test on the large seed is
// slower and only runs with DB_SLOW=1.
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'db',
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
    exclude: process.env.DB_SLOW ? [] : ['**/*.slow.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
})
