import { describe, expect, it } from 'vitest';
import { isUsableRouterStateTree, refusalFor } from '../../server/request-gate.mjs';

const host = 'acme.portal.example.com';
const gate = (method: string, url: string, headers: Record<string, string> = {}) =>
  refusalFor({ method, url, headers: { host, ...headers } });

describe('the request gate', () => {
  it.each(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])('lets %s through', (method) => {
    expect(gate(method, '/devices')).toBeNull();
  });

  it.each(['TRACE', 'TRACK', 'CONNECT', 'PROPFIND', 'FOO'])(
    'answers %s with 405 and the allowed list',
    (method) => {
      expect(gate(method, '/')).toEqual({
        status: 405,
        code: 'method_not_allowed',
        message: `The method ${method} is not allowed here.`,
        headers: { allow: 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS' },
      });
    },
  );

  it.each(['*', 'http://evil.example/', 'evil.example:443', '//evil.example/x'])(
    'refuses the request target %s',
    (url) => {
      expect(gate('GET', url)?.status).toBe(400);
      expect(gate('GET', url)?.code).toBe('request_target_invalid');
    },
  );

  it.each(['/devices/%ff', '/l/%ff', '/api/v1/users/%E0%A4%A/connections', '/%'])(
    'refuses the malformed percent-encoding in %s',
    (url) => {
      expect(gate('GET', url)).toMatchObject({ status: 400, code: 'path_invalid' });
    },
  );

  it('judges only the path, not the query (URLSearchParams reads a bad escape as text)', () => {
    expect(gate('GET', '/api/v1/events?starting_after=%ff')).toBeNull();
    expect(gate('GET', '/api/v1/users/a%2Bb%40example.com/connections')).toBeNull();
  });

  it.each([
    '',
    'a b',
    'evil.com/acme',
    'acme..example.com',
    'acme.example.com:99999x',
    '<script>',
    '-acme.example.com',
  ])('refuses the Host %j', (badHost) => {
    expect(refusalFor({ method: 'GET', url: '/', headers: { host: badHost } })).toMatchObject({
      status: 400,
      code: 'host_invalid',
    });
  });

  it.each(['localhost:3000', '127.0.0.1:3100', '[::1]:3000', 'devices.acme.com', 'acme.portal.example.com.'])(
    'accepts the Host %s',
    (goodHost) => {
      expect(refusalFor({ method: 'GET', url: '/', headers: { host: goodHost } })).toBeNull();
    },
  );

  it('refuses a server-action body over 1 MiB, a link post over 16 KiB and any body over 2 MiB', () => {
    expect(gate('POST', '/devices', { 'next-action': 'x', 'content-length': '1048576' })).toBeNull();
    expect(gate('POST', '/devices', { 'next-action': 'x', 'content-length': '1048577' })).toMatchObject({
      status: 413,
    });
    expect(gate('POST', '/l/abc', { 'content-length': '16384' })).toBeNull();
    expect(gate('POST', '/l/abc', { 'content-length': '16385' })).toMatchObject({ status: 413 });
    expect(gate('POST', '/api/v1/portal_links', { 'content-length': '2097152' })).toBeNull();
    expect(gate('POST', '/api/v1/portal_links', { 'content-length': '2097153' })).toMatchObject({
      status: 413,
      code: 'body_too_large',
    });
  });

  it('keeps a router state tree only when it has the shape of one', () => {
    expect(isUsableRouterStateTree(undefined)).toBe(true);
    expect(isUsableRouterStateTree('%5B%22%22%2C%7B%7D%5D')).toBe(true);
    const devicesTree =
      '["",{"children":[["host","acme.x","d"],{"children":["devices",{}]}]},null,null,true]';
    expect(isUsableRouterStateTree(encodeURIComponent(devicesTree))).toBe(true);
    expect(isUsableRouterStateTree('%5B%5D')).toBe(false);
    expect(isUsableRouterStateTree(encodeURIComponent('[1,{}]'))).toBe(false);
    expect(isUsableRouterStateTree(encodeURIComponent('["",{"children":[5]}]'))).toBe(false);
    expect(isUsableRouterStateTree('garbage')).toBe(false);
    expect(isUsableRouterStateTree('%7B%22a%22%3A1%7D')).toBe(false);
    expect(isUsableRouterStateTree('%E0%A4%A')).toBe(false);
  });
});
