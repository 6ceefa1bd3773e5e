import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { collect, paramsFromPairs, readJsonBody, resolveToken, webhookUrl } from './arguments.js';
import { diagnose } from './diagnose.js';
import { diagnosisReport, isVerified } from './diagnose-report.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';

interface DiagnoseOptions {
  url: string;
  token?: string;
  signature: string;
  param?: string[];
  json?: string;
}

const EXAMPLES = `
Checks the URLs the official validator tries (as received, default port added or removed,
normalized, legacy query encoding), then nearby URLs (http/https, other ports, trailing slash,
query dropped), and says what to change. The token is never printed.

Example:
  $ twilio-guard diagnose --url http://example.com/sms --signature 'pX...=' \\
      --param From=+14155550100 --param Body=hi

Exit codes: 0 the signature verifies as received, 1 it does not (the output says what to
change when a nearby URL matches), 2 usage error.`;

export function registerDiagnose(
  program: Command,
  io: CliIo,
  done: (code: ExitCode) => void,
): void {
  program
    .command('diagnose')
    .description('Explain why a received X-Twilio-Signature does or does not verify.')
    .requiredOption('--url <url>', 'the URL the app saw, query included')
    .requiredOption('-s, --signature <signature>', 'the X-Twilio-Signature header received')
    .option('-t, --token <token>', 'auth token (default: $TWILIO_AUTH_TOKEN)')
    .option('-p, --param <name=value>', 'a form parameter received; repeat for each', collect)
    .option('--json <file>', 'the JSON body received, exactly')
    .addHelpText('after', EXAMPLES)
    .action(async (options: DiagnoseOptions) => {
      done(await diagnoseRequest(options, io));
    });
}

async function diagnoseRequest(options: DiagnoseOptions, io: CliIo): Promise<ExitCode> {
  const url = webhookUrl(options.url, '--url');
  const token = resolveToken(options.token, io.env);
  if (options.json !== undefined && options.param !== undefined) {
    throw new InvalidArgumentError('--json and --param cannot be combined.');
  }
  const json = options.json === undefined ? undefined : await readJsonBody(options.json);
  const params = paramsFromPairs(options.param);

  const diagnosis = diagnose({ url, token, signature: options.signature, params, json });
  io.stdout(diagnosisReport(diagnosis));
  return isVerified(diagnosis) ? EXIT.OK : EXIT.REJECTED;
}
