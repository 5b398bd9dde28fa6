import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { tenantOf } from '../support/factories';
import { request } from '../support/http';

// SPEC §14: GET/PATCH /api/v1/tenant with the tenant's own key. This file owns its tenant: it renames it.
const tenant = tenantOf('tenant-api');
const origin = inject('origin');
const databaseUrl = inject('serverEnv').DATABASE_URL;

type TenantObject = {
  object: string;
  slug: string;
  name: string;
  accent_color: string;
  source_settings: object;
};

describe('/api/v1/tenant', () => {
  it("shows the key's own tenant without secrets, and a change shows on its pages at once", async () => {
    const shown = await tenant.api.call('GET', '/api/v1/tenant');
    expect(shown.status).toBe(200);
    expect(shown.json<TenantObject>()).toMatchObject({
      object: 'tenant',
      slug: 'tenant-api',
      name: 'Tenant API Health',
    });
    expect(shown.body).not.toMatch(/Ciphertext|whsec_|cp_(test|live)_/);

    const changed = await tenant.api.call('PATCH', '/api/v1/tenant', {
      name: 'Tenant API Renamed',
      accent_color: '#0f766e',
      app_url: 'https://app.tenant-api.test/home',
      link_request_url: 'https://app.tenant-api.test/new-link',
    });
    expect(changed.status).toBe(200);
    expect(changed.json<TenantObject>()).toMatchObject({
      name: 'Tenant API Renamed',
      accent_color: '#0f766e',
    });
    const page = await request(origin, { host: tenant.host, path: '/signed-out' });
    expect(page.body).toContain('Tenant API Renamed');
  });

  it('refuses bad settings with 400 naming the field, and changes nothing', async () => {
    const cases: [unknown, string][] = [
      [{}, 'body'],
      [{ slug: 'other' }, 'slug'],
      [{ name: '' }, 'name'],
      [{ accent_color: 'red;}' }, 'accent_color'],
      [{ default_locale: 'xx' }, 'default_locale'],
      [{ theme: 'neon' }, 'theme'],
      [{ support_url: 'javascript:alert(1)' }, 'support_url'],
      [{ enabled_providers: ['NOKIA'] }, 'enabled_providers'],
      [{ allowed_return_origins: ['not a url'] }, 'allowed_return_origins.0'],
      [{ link_request_url: 'https://elsewhere.example/new' }, 'link_request_url'],
    ];
    for (const [body, param] of cases) {
      const res = await tenant.api.call('PATCH', '/api/v1/tenant', body);
      expect([
        JSON.stringify(body),
        res.status,
        res.json<{ error: { param: string } }>().error.param,
      ]).toEqual([JSON.stringify(body), 400, param]);
    }
    expect((await tenant.api.call('GET', '/api/v1/tenant')).json<TenantObject>().name).toBe(
      'Tenant API Renamed',
    );
  });

  it.runIf(databaseUrl)('writes an audit row naming the fields changed', async () => {
    await tenant.api.call('PATCH', '/api/v1/tenant', { theme: 'dark' });
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const rows = await client.query(
        `select actor_type, data from audit_events where tenant_id = $1 and action = 'tenant.updated' order by created_at desc limit 1`,
        [tenant.id],
      );
      expect(rows.rows[0]).toMatchObject({ actor_type: 'api', data: { fields: ['theme'] } });
    } finally {
      await client.end();
    }
  });
});
