import { defineConfig } from 'vitest/config';

/** Benchmarks only, apart from the test projects: `pnpm bench` from the repository root. */
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: [],
    benchmark: { include: ['**/*.bench.ts'] },
  },
});
