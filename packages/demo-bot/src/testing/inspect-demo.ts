import type { OrderView } from '../demo.js';
import { ROUTES } from '../demo.js';

/** The JSON log lines in a demo's output; the start-up banner and other text are skipped. */
export function logLines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The orders a running demo reports on `GET /orders`. */
export async function ordersOf(origin: string): Promise<OrderView[]> {
  const response = await fetch(`${origin}${ROUTES.orders}`);
  if (!response.ok) throw new Error(`GET ${ROUTES.orders} answered ${response.status}.`);
  const body = (await response.json()) as { orders: OrderView[] };
  return body.orders;
}
