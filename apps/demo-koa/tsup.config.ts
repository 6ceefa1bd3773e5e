import { libraryConfig } from '../../tsup.base';

// An app, not a library: one ESM entry point to run, no declarations.
export default libraryConfig({ main: 'src/main.ts' }, { format: ['esm'], dts: false });
