export { type TwilioGuardState, twilioGuard } from './middleware.js';
