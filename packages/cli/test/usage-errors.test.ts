import { describe, expect, it } from 'vitest';
import { run } from '../src/run.js';
import { capturedIo } from './captured-io.js';

/** Runs the CLI and returns the exit code with everything it wrote. */
async function cli(args: string[], env: Record<string, string> = {}) {
  const io = capturedIo(env);
  const code = await run(args, io);
  return { code, out: io.out(), err: io.err() };
}

describe('usage errors exit 2 with one line naming the problem and the help', () => {
  const cases: [string, string[], RegExp][] = [
    ['no url', ['send', '--token', 't'], /missing required argument 'url'/],
    ['no token anywhere', ['send', 'https://example.com/hook'], /pass --token or set TWILIO_/],
    ['a relative url', ['sign', '/hook', '-t', 't'], /'\/hook' is not an absolute URL/],
    ['a bad --count', ['send', 'https://x.test/', '-t', 't', '--count', '0'], /--count <n>/],
    ['an unknown option', ['send', 'https://x.test/', '--tokn', 't'], /Did you mean --token\?/],
    ['a pair without "="', ['sign', 'https://x.test/', '-t', 't', '-p', 'Body'], /NAME=VALUE/],
    [
      '--replay with --count',
      ['send', 'https://x.test/', '-t', 't', '--replay', '--count', '2'],
      /--replay and --count cannot be combined/,
    ],
    [
      '--json with --body',
      ['send', 'https://x.test/', '-t', 't', '--json', 'a.json', '--body', 'x'],
      /--json cannot be combined/,
    ],
    [
      'a missing --json file',
      ['sign', 'https://x.test/', '-t', 't', '--json', '/nonexistent.json'],
      /cannot read --json file '\/nonexistent.json' \(ENOENT\)/,
    ],
    [
      'diagnose without --signature',
      ['diagnose', '--url', 'https://x.test/', '-t', 't'],
      /required option '-s, --signature <signature>' not specified/,
    ],
    ['an unknown command', ['verify'], /unknown command 'verify'/],
  ];

  it.each(cases)('%s', async (_name, args, reason) => {
    const { code, out, err } = await cli(args);
    const command = ['send', 'sign', 'diagnose'].find((name) => args.includes(name));
    const prefix = command ? `twilio-guard ${command}` : 'twilio-guard';

    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(reason);
    expect(err.startsWith(`${prefix}: `)).toBe(true);
    expect(err.endsWith(`(see '${prefix} --help')\n`)).toBe(true);
    expect(err.trimEnd()).not.toContain('\n');
  });

  it('prints the overview on stderr and exits 2 when no command is given', async () => {
    const { code, out, err } = await cli([]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^Usage: twilio-guard \[options\] \[command\]/);
  });
});

describe('--help', () => {
  it.each(['send', 'sign', 'diagnose'])(
    'documents %s and its exit codes on stdout',
    async (name) => {
      const { code, out, err } = await cli([name, '--help']);
      expect(code).toBe(0);
      expect(err).toBe('');
      expect(out).toMatch(new RegExp(`^Usage: twilio-guard ${name} \\[options\\]`));
      expect(out).toMatch(/Exit codes: 0 /);
    },
  );

  it('is also reached as "help <command>"', async () => {
    const { code, out } = await cli(['help', 'diagnose']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: twilio-guard diagnose \[options\]/);
  });

  it('prints the version with --version', async () => {
    const { code, out } = await cli(['--version']);
    expect(code).toBe(0);
    expect(out).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('lists every command at the top level', async () => {
    const { code, out } = await cli(['--help']);
    expect(code).toBe(0);
    for (const name of ['send', 'sign', 'diagnose'])
      expect(out).toMatch(new RegExp(`\\n  ${name} `));
  });
});
