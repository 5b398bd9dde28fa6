import { PortalError } from '@/lib/errors';

export const MAX_BODY_BYTES = 64 * 1024;

function tooLarge(): PortalError {
  return new PortalError({
    type: 'invalid_request_error',
    code: 'body_too_large',
    message: 'The request body is larger than 64 KiB.',
    param: 'body',
  });
}

/** Reads at most 64 KiB of body as text, refusing earlier when Content-Length already says more. */
export async function readBodyText(request: Request): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new PortalError({
      type: 'invalid_request_error',
      code: 'body_invalid_json',
      message: 'The request body is not valid JSON.',
      param: 'body',
    });
  }
}
