import type { DemoConfig } from './config.js';
import { ROUTES } from './demo.js';

export interface BannerFacts {
  framework: string;
  config: DemoConfig;
  /** The port actually listened on. */
  port: number;
  /** How the store was described by `openDemoStore`. */
  store: string;
}

/** The local webhook URL, or `WEBHOOK_URL` when set, since that is what Twilio signs. */
export function webhookUrlFor(config: DemoConfig, port: number): string {
  return config.webhookUrl ?? `http://localhost:${port}${ROUTES.webhook}`;
}

/**
 * The lines printed once the demo listens: where it is, what it runs on, and a command that sends
 * it a signed message. A token is printed only when it was generated for development.
 */
export function startupBanner({ framework, config, port, store }: BannerFacts): string {
  const origin = `http://localhost:${port}`;
  const webhookUrl = webhookUrlFor(config, port);
  const token = config.generatedToken;
  const example = '"order 2 margherita"';
  const replies = config.twilioCredentials
    ? 'sent through Twilio'
    : 'logged only (set TWILIO_ACCOUNT_SID to send them)';

  const lines = [
    `twilio-guard demo (${framework}) listening on ${origin}`,
    `  webhook  POST ${webhookUrl}`,
    `  orders   GET  ${origin}${ROUTES.orders}`,
    `  store    ${store}${store === 'memory' ? ' (set REDIS_URL to share it)' : ''}`,
    `  replies  ${replies}`,
  ];

  if (token) {
    lines.push(
      `  token    ${token} (generated for development; set TWILIO_AUTH_TOKEN to use yours)`,
      `  try      pnpm simulate ${example}`,
      `     or    TWILIO_AUTH_TOKEN=${token} node packages/cli/dist/bin.js send ${webhookUrl} --body ${example}`,
    );
  } else if (!config.production) {
    lines.push(
      '  token    from TWILIO_AUTH_TOKEN',
      `  try      pnpm simulate ${example}   (with the same TWILIO_AUTH_TOKEN set)`,
    );
  }

  return `${lines.join('\n')}\n`;
}
