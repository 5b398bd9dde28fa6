import { inject } from 'vitest';
import type { IntegrationTenantSlug } from '../integration/global-setup';
import { apiClient } from './api';

/** A tenant of the integration suite's world, with its host on the shared server and an API client. */
export function tenantOf(slug: IntegrationTenantSlug) {
  const seeded = inject('world').tenants[slug];
  return {
    ...seeded,
    host: `${slug}.${inject('rootDomain')}`,
    api: apiClient(inject('origin'), seeded.apiKey),
  };
}
