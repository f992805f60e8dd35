import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'cinetpay-sandbox',
    root: import.meta.dirname,
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
})
