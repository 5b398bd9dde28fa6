import { describe, expect, inject, it } from 'vitest';
import { request } from '../support/http';
import { tenantOf } from '../support/factories';

const origin = inject('origin');
const root = inject('rootDomain');
const acme = tenantOf('acme');
const globex = tenantOf('globex');
const api = acme.api;

type ErrorBody = { error: { type: string; code: string; message: string; param?: string } };

describe('POST /api/v1/portal_links', () => {
  it('mints a link on the tenant host built from configuration', async () => {
    const res = await api.mintLink({
      reference_id: 'user-1',
      user_label: 'j***@example.com',
      return_url: 'https://app.acme.test/settings',
    });
    expect(res.status).toBe(201);
    const link = res.json<Record<string, string>>();
    expect(link).toMatchObject({
      object: 'portal_link',
      reference_id: 'user-1',
      intent: 'manage',
      channel: 'redirect',
      return_url: 'https://app.acme.test/settings',
    });
    expect(link.id).toMatch(/^pl_/);
    expect(link.url).toMatch(/^http:\/\/devices\.acme\.test\/l\/[A-Za-z0-9_-]{43}$/);
    const ttl = new Date(link.expires_at ?? 0).getTime() - Date.now();
    expect(ttl).toBeGreaterThan(880_000);
    expect(ttl).toBeLessThanOrEqual(900_000);
  });

  it('uses the subdomain when the tenant has no verified custom domain, whatever X-Forwarded-Host says', async () => {
    const res = await globex.api.mintLink(
      { reference_id: 'u' },
      { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
    );
    expect(res.status).toBe(201);
    expect(res.json<{ url: string }>().url.startsWith(`http://globex.${root}/l/`)).toBe(true);
    expect(res.body).not.toContain('evil.example');
  });

  it.each([
    ['no header', undefined, 'api_key_missing'],
    ['not bearer', 'Basic abc', 'api_key_malformed'],
    ['unknown key', `Bearer cp_test_${'a'.repeat(43)}`, 'api_key_invalid'],
    ['garbage', 'Bearer nope', 'api_key_invalid'],
  ])('401 authentication_error with %s', async (_name, authorization, code) => {
    const res = await request(origin, {
      path: '/api/v1/portal_links',
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ reference_id: 'u' }),
    });
    expect(res.status).toBe(401);
    expect(res.json<ErrorBody>().error).toMatchObject({ type: 'authentication_error', code });
  });

  it.each([
    [{ reference_id: '' }, 'reference_id'],
    [{ reference_id: 'x'.repeat(129) }, 'reference_id'],
    [{ reference_id: '<script>' }, 'reference_id'],
    [{}, 'reference_id'],
    [{ reference_id: 'u', intent: 'delete_everything' }, 'intent'],
    [{ reference_id: 'u', expires_in: 59 }, 'expires_in'],
    [{ reference_id: 'u', expires_in: 604801 }, 'expires_in'],
    [{ reference_id: 'u', expires_in: '900' }, 'expires_in'],
    [{ reference_id: 'u', return_url: 'https://evil.example/' }, 'return_url'],
    [{ reference_id: 'u', return_url: 'javascript:alert(1)' }, 'return_url'],
    [{ reference_id: 'u', channel: 'sms' }, 'channel'],
    [{ reference_id: 'u', locale: 'xx' }, 'locale'],
    [{ reference_id: 'u', user_label: 'x'.repeat(81) }, 'user_label'],
    [{ reference_id: 'u', intent: 'connect' }, 'provider'],
    [{ reference_id: 'u', intent: 'disconnect' }, 'connection_id'],
    [{ reference_id: 'u', surprise: true }, 'surprise'],
  ])('400 naming the field for %o', async (body, param) => {
    const res = await api.mintLink(body);
    expect(res.status).toBe(400);
    expect(res.json<ErrorBody>().error).toMatchObject({ type: 'invalid_request_error', param });
  });

  it('400 for malformed JSON, 413 for an oversized body, 405 for a wrong method', async () => {
    const malformed = await api.call('POST', '/api/v1/portal_links', '{"reference_id":');
    expect(malformed.status).toBe(400);
    expect(malformed.json<ErrorBody>().error).toMatchObject({ code: 'body_invalid_json', param: 'body' });
    const huge = await api.call(
      'POST',
      '/api/v1/portal_links',
      JSON.stringify({ reference_id: 'u', pad: 'x'.repeat(70 * 1024) }),
    );
    expect(huge.status).toBe(413);
    expect(huge.json<ErrorBody>().error.type).toBe('invalid_request_error');
    const wrongMethod = await api.call('GET', '/api/v1/portal_links');
    expect(wrongMethod.status).toBe(405);
  });

  it('replays the same response for the same Idempotency-Key and body, 409 for a different body', async () => {
    const key = `idem-${Date.now()}`;
    const first = await api.mintLink({ reference_id: 'idem-user' }, { 'idempotency-key': key });
    const second = await api.mintLink({ reference_id: 'idem-user' }, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
    expect(second.json<{ url: string }>().url).toBe(first.json<{ url: string }>().url);
    const different = await api.mintLink({ reference_id: 'someone-else' }, { 'idempotency-key': key });
    expect(different.status).toBe(409);
    expect(different.json<ErrorBody>().error).toMatchObject({
      type: 'conflict',
      code: 'idempotency_key_reused',
    });
    // Keys are per tenant: globex may use the same key for its own request.
    const otherTenant = await globex.api.mintLink({ reference_id: 'idem-user' }, { 'idempotency-key': key });
    expect(otherTenant.status).toBe(201);
    expect(otherTenant.json<{ id: string }>().id).not.toBe(first.json<{ id: string }>().id);
  });
});
