import { libraryConfig } from '../../tsup.base';

// ESM only: the demo apps and the simulate script are ESM, and nothing else imports this package.
export default libraryConfig(
  { index: 'src/index.ts', testing: 'src/testing/index.ts', simulate: 'src/simulate.ts' },
  { format: ['esm'], external: ['vitest'] },
);
