import type { Diagnosis, Finding } from './diagnose.js';
import type { UrlChange } from './url-variants.js';

const PROXY_FIX =
  'trust the proxy (Express "trust proxy", Fastify trustProxy, Koa app.proxy) so the ' +
  'X-Forwarded-* headers count, or set webhookUrl to the URL configured in Twilio.';

/** The diagnosis as text for a person: what matched, then what to change. Never the token. */
export function diagnosisReport(diagnosis: Diagnosis): string {
  const lines = [...notes(diagnosis), ...findingLines(diagnosis.finding)];
  return `${lines.join('\n')}\n`;
}

/** Whether the request verifies as it is, body included. */
export function isVerified(diagnosis: Diagnosis): boolean {
  const hash = diagnosis.bodyHash;
  const bodyIntact = hash === undefined || hash.inUrl === hash.ofBody;
  return diagnosis.finding.kind === 'verified' && bodyIntact;
}

function notes(diagnosis: Diagnosis): string[] {
  const lines: string[] = [];
  if (diagnosis.signatureShape === 'sha256') {
    lines.push(
      'Note: this is an HMAC-SHA256 signature, which Twilio makes with a shared key ' +
        '(X-Twilio-Webhooks-Signature-Settings), not the auth token checked here.',
    );
  } else if (diagnosis.signatureShape === 'malformed') {
    lines.push(
      'Note: an X-Twilio-Signature is 28 base64 characters ending in "="; check that it was ' +
        'copied whole.',
    );
  }

  const hash = diagnosis.bodyHash;
  if (hash?.inUrl === undefined && hash) {
    lines.push(
      'Note: the URL carries no bodySHA256, which Twilio adds for a JSON body; checking the URL ' +
        'with the body hash appended.',
    );
  } else if (hash && hash.inUrl !== hash.ofBody) {
    lines.push(
      `Body mismatch: the body hashes to ${hash.ofBody}, but bodySHA256 in the URL is ` +
        `${hash.inUrl}. The body changed after Twilio signed it (a parser re-serialized the ` +
        'JSON?): verify the exact bytes received.',
    );
  }
  return lines;
}

function findingLines(finding: Finding): string[] {
  switch (finding.kind) {
    case 'verified':
      return [`Match: the signature verifies for the URL ${finding.variant}:`, `  ${finding.url}`];
    case 'url-mismatch':
      return [
        'No match for the URL as received, but Twilio signed this one:',
        `  ${finding.url}`,
        'Twilio signed a different URL than the app reconstructs. To fix:',
        ...finding.changes.map((change) => `  - ${adviceFor(change)}`),
      ];
    case 'params-unsigned':
      return [
        'No match with the parameters, but the signature verifies for the URL alone:',
        `  ${finding.url}`,
        'Twilio signed no form body: the request was a GET (parameters in the query) or had a ' +
          'JSON body. Pass the full URL, query included, without --param.',
        ...finding.changes.map((change) => `  - ${adviceFor(change)}`),
      ];
    case 'no-match':
      return [
        `No match: the signature verifies for none of the ${finding.tried} URL variants tried ` +
          '(scheme, port, trailing slash, query).',
        'The auth token or the parameters are likely wrong:',
        '  - token: use the auth token of the account that owns the number (a subaccount has ' +
          'its own); while rotating, try the secondary token too.',
        '  - parameters: pass every parameter exactly as received, repeating --param for a ' +
          'repeated name; a parser that drops empty values or renames fields breaks the match.',
        '  - host: if a tunnel or proxy changes the host, pass the URL configured in Twilio.',
      ];
  }
}

function adviceFor(change: UrlChange): string {
  switch (change.kind) {
    case 'scheme':
      return change.to === 'https'
        ? `scheme: Twilio signed https, the app saw http, so TLS ends at a proxy: ${PROXY_FIX}`
        : 'scheme: Twilio signed http, the app saw https: the URL configured in Twilio uses ' +
            'http://; change it to https://.';
    case 'port':
      return portAdvice(change.from, change.to);
    case 'trailing-slash':
      return change.added
        ? 'trailing slash: Twilio signed the URL ending in "/", the app saw it without; make ' +
            'the URL in Twilio and the route match exactly.'
        : 'trailing slash: Twilio signed the URL without the final "/" the app saw; make the ' +
            'URL in Twilio and the route match exactly.';
    case 'query-dropped':
      return (
        `query: Twilio signed the URL without "?${change.query}", which was added after ` +
        'Twilio signed (a proxy, tunnel or redirect); remove it or set webhookUrl.'
      );
  }
}

function portAdvice(from: string | undefined, to: string): string {
  const seen = from === undefined ? 'none' : `:${from}`;
  return `port: Twilio signed :${to}, the app saw ${seen}: ${PROXY_FIX}`;
}
