import { Command, CommanderError } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import { registerDiagnose } from './diagnose-command.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import { registerSend } from './send.js';
import { registerSign } from './sign.js';

const COMMANDS = ['send', 'sign', 'diagnose'];
const HELP_CODES = new Set(['commander.help', 'commander.helpDisplayed', 'commander.version']);

/**
 * Runs `twilio-guard` with `argv` (the arguments after the program name) and resolves the exit
 * code instead of exiting, so it can run inside a test or another program.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  let exitCode: ExitCode = EXIT.OK;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // Help and version are already printed: `--help` and `help <command>` exit 0, while the
    // overview shown because no command was given exits 1 in commander, a usage error here.
    if (HELP_CODES.has(error.code)) return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    io.stderr(usageLine(error.message, argv));
    return EXIT.USAGE;
  }
}

function buildProgram(io: CliIo, done: (code: ExitCode) => void): Command {
  const program = new Command('twilio-guard')
    .description('Send, sign and diagnose Twilio webhook requests, signed exactly as Twilio does.')
    .version(packageJson.version)
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      // Errors are printed once, as one line, by `run`.
      outputError: () => {},
    })
    .exitOverride();

  // Subcommands made with `.command()` inherit the output and exit settings above.
  registerSend(program, io, done);
  registerSign(program, io, done);
  registerDiagnose(program, io, done);
  return program;
}

/** One line: which command, what is wrong, where the help is. */
function usageLine(message: string, argv: readonly string[]): string {
  const command = argv.find((arg) => COMMANDS.includes(arg));
  const name = command ? `twilio-guard ${command}` : 'twilio-guard';
  const reason = message
    .replace(/^error: /, '')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\.$/, '');
  return `${name}: ${reason} (see '${name} --help')\n`;
}
