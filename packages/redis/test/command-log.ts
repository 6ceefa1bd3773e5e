import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { vi } from 'vitest';

/**
 * Every command the given Redis nodes execute, read with MONITOR. `commandsDuring` runs some
 * work and returns the commands it caused: MONITOR lists a node's commands in the order that
 * node ran them, so markers sent to each node before and after bound that node's list.
 */
export async function watchCommands(nodes: string[]) {
  const logs = await Promise.all(
    nodes.map(async (node) => {
      const connection = new Redis(node.includes('://') ? node : `redis://${node}`);
      const monitor = await connection.monitor();
      const log: string[][] = [];
      // Commands a script runs are listed too, with `lua` as their source; keep the client's.
      monitor.on('monitor', (_time: string, args: string[], source: string) => {
        if (source !== 'lua') log.push(args);
      });
      return { connection, monitor, log };
    }),
  );

  /** Resolves once every node has listed everything it ran before this call. */
  async function catchUp() {
    const marker = `marker-${randomUUID()}`;
    await Promise.all(logs.map(({ connection }) => connection.echo(marker)));
    await vi.waitFor(() => {
      for (const { log } of logs) {
        if (!log.some((args) => args.includes(marker))) throw new Error('monitor lagging');
      }
    });
  }

  /** The commands `work` caused that mention `text`, node by node (order across nodes is lost). */
  async function commandsDuring(work: () => Promise<unknown>, text: string) {
    await catchUp();
    for (const { log } of logs) log.length = 0;
    await work();
    await catchUp();
    return logs.flatMap(({ log }) => log.filter((args) => args.join(' ').includes(text)));
  }

  async function stop() {
    await Promise.all(
      logs.map(async ({ connection, monitor }) => {
        monitor.disconnect();
        await connection.quit();
      }),
    );
  }

  return { commandsDuring, stop };
}
