import { describe, expect, it, vi } from 'vitest';
import { createLogger } from './logger.js';

describe('createLogger', () => {
  it('is silent without a logger and never touches console', () => {
    const spies = (['debug', 'info', 'warn', 'error', 'log'] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation(() => {}),
    );
    const logger = createLogger(undefined);
    logger.debug({}, 'd');
    logger.info({}, 'i');
    logger.warn({}, 'w');
    logger.error({}, 'e');

    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    for (const spy of spies) spy.mockRestore();
  });

  it('calls the given levels with details first, keeping `this`, and leaves the rest silent', () => {
    const target = {
      lines: [] as unknown[],
      warn(details: Record<string, unknown>, message: string) {
        this.lines.push([details, message]);
      },
    };
    const logger = createLogger(target);
    logger.warn({ key: 1 }, 'careful');
    logger.error({}, 'ignored');

    expect(target.lines).toEqual([[{ key: 1 }, 'careful']]);
  });

  it('swallows a level that throws', () => {
    const logger = createLogger({
      error: () => {
        throw new Error('log sink closed');
      },
    });
    expect(() => logger.error({}, 'x')).not.toThrow();
  });
});
