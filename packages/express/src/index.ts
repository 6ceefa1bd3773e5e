export type { TwilioGuardOptions, TwilioRequestContext } from '@twilio-guard/core';
export { twilioGuard } from './middleware.js';
