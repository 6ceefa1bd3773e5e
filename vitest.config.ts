import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

/** Every workspace folder with a package.json becomes one test project, named after the folder. */
function workspaceFolders(parent: string): string[] {
  const dir = join(root, parent);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => existsSync(join(dir, name, 'package.json')))
    .map((name) => `${parent}/${name}`);
}

/** Tests import library packages from source, so a change is tested without a rebuild. */
const sourceAliases = workspaceFolders('packages')
  .filter((folder) => existsSync(join(root, folder, 'src/index.ts')))
  .flatMap((folder) => {
    const name = `@twilio-guard/${folder.slice('packages/'.length)}`;
    const aliases = [
      { find: new RegExp(`^${name}$`), replacement: resolve(root, folder, 'src/index.ts') },
    ];
    const testing = resolve(root, folder, 'src/testing/index.ts');
    if (existsSync(testing))
      aliases.push({ find: new RegExp(`^${name}/testing$`), replacement: testing });
    return aliases;
  });

/** Global setup of one project only: the Redis suites start (or find) their servers. */
function projectSetup(folder: string) {
  if (folder !== 'packages/redis') return {};
  return { globalSetup: [resolve(root, 'scripts/redis-test-servers.ts')] };
}

export default defineConfig({
  resolve: { alias: sourceAliases },
  test: {
    projects: [...workspaceFolders('packages'), ...workspaceFolders('apps')].map((folder) => ({
      extends: true as const,
      test: {
        name: folder.split('/')[1] ?? folder,
        root: folder,
        include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
        ...projectSetup(folder),
      },
    })),
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
