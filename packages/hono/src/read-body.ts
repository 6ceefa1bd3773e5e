import {
  bodyParserConflict,
  type GuardBody,
  isTwilioGuardError,
  payloadTooLarge,
  unreadableBody,
} from '@twilio-guard/core';
import type { HonoRequest } from 'hono';

/**
 * The body as exact bytes, at most `limit` of them. An unread body is read from
 * a clone, so the handler can still read the request as usual. A body that
 * something before the guard already read through Hono comes from Hono's cache.
 */
export async function readBody(req: HonoRequest, limit: number): Promise<GuardBody> {
  // A declared length over the limit fails at once; the bytes are still counted
  // as they arrive, since a chunked body declares none and a declared length
  // can be wrong.
  if (Number(req.header('content-length')) > limit) throw payloadTooLarge(limit);
  if (req.raw.bodyUsed) return cachedBody(req, limit);
  const stream = req.raw.body && req.raw.clone().body;
  if (!stream) return { none: true };

  try {
    return { raw: await readAtMost(stream, limit) };
  } catch (cause) {
    if (isTwilioGuardError(cause)) throw cause;
    throw unreadableBody(cause);
  }
}

/**
 * Hono caches a body it read. Bytes and text give back the exact body; a cache
 * holding only parsed form data or JSON cannot, and saying so beats blaming the
 * signature.
 */
async function cachedBody(req: HonoRequest, limit: number): Promise<GuardBody> {
  const { arrayBuffer, text, blob } = req.bodyCache;
  if (!arrayBuffer && !text && !blob) {
    throw bodyParserConflict(
      'the body was read before the guard and only its parsed form was kept ' +
        '(c.req.formData(), or c.req.parseBody() and c.req.json() in older hono), so the ' +
        'signed bytes are lost.',
      'Mount the guard before the body parser (any middleware that reads the body).',
    );
  }
  const bytes = new Uint8Array(await req.arrayBuffer());
  if (bytes.byteLength > limit) throw payloadTooLarge(limit);
  return { raw: bytes };
}

async function readAtMost(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > limit) {
      // Not awaited: cancelling one branch of a clone settles only once the
      // other is cancelled.
      reader.cancel().catch(() => {});
      throw payloadTooLarge(limit);
    }
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks, size);
}
