import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'supabase-local',
    root: import.meta.dirname,
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
})
