import { bodySha256, signedParamsString, type TwilioParams } from '@twilio-guard/core';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { collect, paramsFromPairs, readJsonBody, resolveToken, webhookUrl } from './arguments.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import { signedRequest } from './signed-request.js';

interface SignOptions {
  token?: string;
  param?: string[];
  json?: string;
}

const EXAMPLES = `
Prints the X-Twilio-Signature header and the exact string that was signed: the URL followed by
each parameter name and value, names sorted. For a JSON body the signed string is the URL with
bodySHA256 (the body's SHA-256) appended, and that URL is the one to send to.

Examples:
  $ twilio-guard sign https://example.com/sms --param From=+14155550100 --param Body=hi
  $ twilio-guard sign https://example.com/events --json event.json

Exit codes: 0 signed, 2 usage error.`;

export function registerSign(program: Command, io: CliIo, done: (code: ExitCode) => void): void {
  program
    .command('sign')
    .description('Print the signature Twilio would send for a request, and what it signs.')
    .argument('<url>', 'the public webhook URL, exactly as configured in Twilio')
    .option('-t, --token <token>', 'auth token (default: $TWILIO_AUTH_TOKEN)')
    .option('-p, --param <name=value>', 'a form parameter; repeat a name to repeat it', collect)
    .option('--json <file>', 'sign this file as a JSON body, through bodySHA256')
    .addHelpText('after', EXAMPLES)
    .action(async (url: string, options: SignOptions) => {
      done(await sign(webhookUrl(url, 'url'), options, io));
    });
}

async function sign(url: string, options: SignOptions, io: CliIo): Promise<ExitCode> {
  const token = resolveToken(options.token, io.env);
  if (options.json !== undefined && options.param !== undefined) {
    throw new InvalidArgumentError('--json and --param cannot be combined.');
  }
  const lines =
    options.json === undefined
      ? formLines(url, token, paramsFromPairs(options.param))
      : jsonLines(url, token, await readJsonBody(options.json));

  io.stdout(lines.map((line) => `${line}\n`).join(''));
  return EXIT.OK;
}

function formLines(url: string, token: string, params: TwilioParams): string[] {
  const request = signedRequest(url, token, { params });
  return [
    `X-Twilio-Signature: ${request.headers['X-Twilio-Signature']}`,
    `Signed string: ${url}${signedParamsString(params)}`,
  ];
}

/** For a JSON body the URL carries the body's hash, and the URL alone is signed. */
function jsonLines(url: string, token: string, json: string): string[] {
  const request = signedRequest(url, token, { json });
  return [
    `X-Twilio-Signature: ${request.headers['X-Twilio-Signature']}`,
    `bodySHA256: ${bodySha256(json)}`,
    `URL: ${request.url}`,
    `Signed string: ${request.url}`,
  ];
}
