import type { TwilioParams } from '@twilio-guard/core';
import { type Delivery, deliver, exitCodeOf, isUnanswered } from './deliver.js';
import type { ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import { signedRequest } from './signed-request.js';
import { withNewMessageSid } from './whatsapp-message.js';

export interface SendManyInput {
  url: string;
  token: string;
  params: TwilioParams;
  count: number;
  concurrency: number;
  timeout: number;
}

/**
 * Sends `count` copies of a message, each under its own MessageSid, with up to `concurrency` in
 * flight, then prints how many answers had each status and the rate achieved.
 */
export async function sendMany(input: SendManyInput, io: CliIo): Promise<ExitCode> {
  const deliveries: Delivery[] = [];
  const startedAt = performance.now();
  let started = 0;

  const worker = async () => {
    while (started < input.count) {
      started += 1;
      const request = signedRequest(input.url, input.token, {
        params: withNewMessageSid(input.params),
      });
      deliveries.push(await deliver(request, input.timeout));
    }
  };
  const workers = Math.min(input.concurrency, input.count);
  await Promise.all(Array.from({ length: workers }, worker));

  const seconds = (performance.now() - startedAt) / 1000;
  io.stdout(histogram(deliveries, seconds));
  const failure = deliveries.find(isUnanswered);
  if (failure) io.stderr(`twilio-guard send: could not reach ${input.url}: ${failure.error}\n`);
  return exitCodeOf(deliveries);
}

function histogram(deliveries: readonly Delivery[], seconds: number): string {
  const counts = new Map<string, number>();
  for (const delivery of deliveries) {
    const key = delivery.answered ? String(delivery.status) : 'network error';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }

  const rate = seconds > 0 ? Math.round(deliveries.length / seconds) : deliveries.length;
  const lines = [`${deliveries.length} requests in ${seconds.toFixed(2)} s (${rate}/s)`];
  // Statuses are three digits, so they sort as numbers, and "network error" sorts last.
  for (const key of [...counts.keys()].sort()) {
    lines.push(`  ${key.padEnd(13)} ${counts.get(key)}`);
  }
  return `${lines.join('\n')}\n`;
}
