import { maskPhone, type TwilioGuardOptions } from '@twilio-guard/core';
import type { Logger } from './logger.js';

type VerdictHooks = Required<Pick<TwilioGuardOptions, 'onAccepted' | 'onRejected'>>;

/**
 * Guard hooks that write one line per verdict: `webhook.accepted` with the message SID and the
 * masked sender, or `webhook.rejected` with the rejection code. Neither line carries the token,
 * the signature or a full phone number.
 */
export function verdictLogHooks(logger: Logger): VerdictHooks {
  return {
    onAccepted: (context, request) => {
      logger.info(
        {
          event: 'webhook.accepted',
          messageSid: context.messageSid,
          from: maskPhone(context.from),
          ip: request.ip,
        },
        'webhook accepted',
      );
    },
    onRejected: (error, request) => {
      logger.warn(
        { event: 'webhook.rejected', code: error.code, status: error.status, ip: request.ip },
        `webhook rejected: ${error.code}`,
      );
    },
  };
}
