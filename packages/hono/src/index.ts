export type {
  TwilioGuard,
  TwilioGuardOptions,
  TwilioRequestContext,
} from '@twilio-guard/core';
export { type HonoAdapterOptions, type TwilioGuardEnv, twilioGuard } from './middleware.js';
