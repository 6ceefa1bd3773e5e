/**
 * Masks a phone number (or a `whatsapp:`-style address) for logs: keeps the channel prefix, the
 * country-code-sized head and the last two digits, e.g. `whatsapp:+1415*****00`.
 */
export function maskPhone(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const channelEnd = value.lastIndexOf(':') + 1;
  const channel = value.slice(0, channelEnd);
  const address = value.slice(channelEnd);
  if (address.length <= 4) return `${channel}${'*'.repeat(address.length)}`;

  const head = address.startsWith('+') ? 5 : 4;
  const keepHead = Math.min(head, address.length - 4);
  const hidden = address.length - keepHead - 2;
  return `${channel}${address.slice(0, keepHead)}${'*'.repeat(hidden)}${address.slice(-2)}`;
}

// Seven or more digits, optionally after a plus or its percent-encoding: a phone number in a URL
// or a log line. Ports (at most five digits) and dotted addresses never match.
const PHONE_LIKE = /(\+|%2B)?(\d{7,})/gi;

/** Masks every phone-number-like run of digits in `text`, such as the query of a webhook URL. */
export function maskPhonesIn(text: string): string {
  return text.replace(PHONE_LIKE, (_, plus: string | undefined, digits: string) => {
    return `${plus ?? ''}${maskPhone(digits)}`;
  });
}
