import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import {
  collect,
  paramsFromPairs,
  positiveInteger,
  readJsonBody,
  resolveToken,
  webhookUrl,
} from './arguments.js';
import { type Delivery, deliver, exitCodeOf } from './deliver.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import { sendMany } from './send-many.js';
import { type Payload, signedRequest } from './signed-request.js';
import {
  DEFAULT_BODY,
  DEFAULT_FROM,
  DEFAULT_TO,
  PLACEHOLDER_ACCOUNT_SID,
  whatsappMessage,
} from './whatsapp-message.js';

interface SendOptions {
  token?: string;
  param?: string[];
  json?: string;
  from?: string;
  to?: string;
  body?: string;
  accountSid?: string;
  replay?: boolean;
  count?: number;
  concurrency: number;
  timeout: number;
}

const EXAMPLES = `
Without --param or --json, send posts an inbound WhatsApp text message; --from, --to and
--body shape it and --param adds or overrides fields. With --param alone, exactly the given
parameters are sent.

Examples:
  $ twilio-guard send http://localhost:3000/api/v1/whatsapp/webhook --body "order 2 margherita"
  $ twilio-guard send https://example.com/sms --param From=+14155550100 --param Body=hi
  $ twilio-guard send https://example.com/events --json event.json
  $ twilio-guard send https://example.com/hook --count 200 --concurrency 20

Exit codes: 0 every answer was 2xx, 1 an answer was not 2xx, 2 usage error, 3 network error.`;

export function registerSend(program: Command, io: CliIo, done: (code: ExitCode) => void): void {
  program
    .command('send')
    .description('Sign a webhook request exactly as Twilio does and send it.')
    .argument('<url>', 'the public webhook URL, exactly as configured in Twilio')
    .option('-t, --token <token>', 'auth token (default: $TWILIO_AUTH_TOKEN)')
    .option('-p, --param <name=value>', 'a form parameter; repeat a name to repeat it', collect)
    .option('--json <file>', 'send this file as a JSON body, signed through bodySHA256')
    .option('--from <address>', `WhatsApp sender (default: ${DEFAULT_FROM})`)
    .option('--to <address>', `WhatsApp recipient (default: ${DEFAULT_TO})`)
    .option('--body <text>', `message text (default: "${DEFAULT_BODY}")`)
    .option('--account-sid <sid>', 'AccountSid of the message (default: $TWILIO_ACCOUNT_SID)')
    .option('--replay', 'send the identical request twice, as a replay attack would')
    .option('--count <n>', 'send n distinct messages and print a status histogram', positiveInteger)
    .option('--concurrency <n>', 'requests in flight at once with --count', positiveInteger, 10)
    .option('--timeout <ms>', 'give up on a request after this long', positiveInteger, 10_000)
    .addHelpText('after', EXAMPLES)
    .action(async (url: string, options: SendOptions) => {
      done(await send(webhookUrl(url, 'url'), options, io));
    });
}

async function send(url: string, options: SendOptions, io: CliIo): Promise<ExitCode> {
  const token = resolveToken(options.token, io.env);
  if (options.replay && options.count !== undefined) {
    throw new InvalidArgumentError('--replay and --count cannot be combined.');
  }
  if (options.json !== undefined && options.count !== undefined) {
    throw new InvalidArgumentError('--count sends distinct messages and needs a form body.');
  }
  const payload = await sendPayload(options, io);

  if (options.count !== undefined && 'params' in payload) {
    const { count, concurrency, timeout } = options;
    return sendMany({ url, token, params: payload.params, count, concurrency, timeout }, io);
  }

  const request = signedRequest(url, token, payload);
  const first = await deliver(request, options.timeout);
  if (!options.replay) {
    if (first.answered) io.stdout(describeDelivery(first));
    else io.stderr(`twilio-guard send: could not reach ${url}: ${first.error}\n`);
    return exitCodeOf([first]);
  }

  // Sent after the first answer, so the server has recorded the first one when the copy arrives.
  const replay = await deliver(request, options.timeout);
  io.stdout(`first:  ${describeDelivery(first)}replay: ${describeDelivery(replay)}`);
  return replayExitCode(first, replay);
}

/**
 * A replay run succeeds when the first copy is accepted and the second is refused as a replay
 * (409) or acknowledged without error (2xx): what a protected server answers.
 */
function replayExitCode(first: Delivery, replay: Delivery): ExitCode {
  const code = exitCodeOf([first]);
  if (code !== EXIT.OK) return code;
  if (!replay.answered) return EXIT.NETWORK;
  return replay.status === 409 ? EXIT.OK : exitCodeOf([replay]);
}

async function sendPayload(options: SendOptions, io: CliIo): Promise<Payload> {
  const shortcuts = [options.from, options.to, options.body, options.accountSid];
  const usesShortcuts = shortcuts.some((value) => value !== undefined);

  if (options.json !== undefined) {
    if (usesShortcuts || options.param !== undefined) {
      throw new InvalidArgumentError(
        '--json cannot be combined with --param, --from, --to, --body or --account-sid.',
      );
    }
    return { json: await readJsonBody(options.json) };
  }

  const params = paramsFromPairs(options.param);
  if (!usesShortcuts && options.param !== undefined) return { params };
  const message = whatsappMessage({
    from: options.from ?? DEFAULT_FROM,
    to: options.to ?? DEFAULT_TO,
    body: options.body ?? DEFAULT_BODY,
    accountSid: options.accountSid ?? io.env.TWILIO_ACCOUNT_SID ?? PLACEHOLDER_ACCOUNT_SID,
  });
  return { params: { ...message, ...params } };
}

function describeDelivery(delivery: Delivery): string {
  if (!delivery.answered) return `network error: ${delivery.error}\n`;
  const statusLine = `HTTP ${delivery.status} ${delivery.statusText}`.trimEnd();
  if (delivery.body === '') return `${statusLine}\n`;
  return `${statusLine}\n${delivery.body}${delivery.body.endsWith('\n') ? '' : '\n'}`;
}
