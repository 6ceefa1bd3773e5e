export {
  type SignedTwilioRequest,
  type SignTwilioRequestInput,
  signTwilioRequest,
} from './sign.js';
