import { defineConfig, type Options } from 'tsup';

/** The build every library package shares: ESM and CJS, each with its own declarations. */
export function libraryConfig(entry: Record<string, string>, extra: Options = {}) {
  return defineConfig({
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node20',
    treeshake: true,
    ...extra,
  });
}
