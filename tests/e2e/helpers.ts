import type { Page } from '@playwright/test';
import { request as httpRequest } from '../support/http';
import { type E2EWorld, expect } from './fixtures';

export async function apiCall(world: E2EWorld, slug: string, method: string, path: string, body?: unknown) {
  const tenant = world.tenants[slug];
  if (!tenant) throw new Error(`no tenant ${slug}`);
  return httpRequest(world.origin, {
    path,
    method,
    headers: {
      authorization: `Bearer ${tenant.apiKey}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
}

export async function mintLink(world: E2EWorld, body: Record<string, unknown>, slug = 'acme') {
  const res = await apiCall(world, slug, 'POST', '/api/v1/portal_links', body);
  expect(res.status).toBe(201);
  return res.json<{ url: string; reference_id: string }>();
}

/** Signs a browser in the way a user does: mint a link through the API, open it, continue. */
export async function signIn(
  page: Page,
  world: E2EWorld,
  referenceId: string,
  extra: Record<string, unknown> = {},
  slug = 'acme',
) {
  const link = await mintLink(world, { reference_id: referenceId, channel: 'email', ...extra }, slug);
  await page.goto(link.url);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/devices/);
}

export function uniqueUser(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
