import { libraryConfig } from '../../tsup.base';

// A command-line tool runs on Node only, as an ES module; `index` exports `run` for programs.
export default libraryConfig(
  { index: 'src/index.ts', bin: 'src/bin.ts' },
  { format: ['esm'], dts: { entry: { index: 'src/index.ts' } } },
);
