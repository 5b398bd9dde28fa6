import type { Tenant } from '@/lib/tenants/tenant';

/** Why a user left the portal without a session; the tenant's link-request page is told which. */
export type ExitReason = 'expired' | 'used' | 'signed_out';

/** The way back from an exit page: the session's or link's return URL, else the tenant's app. */
export function exitBackUrl(tenant: Pick<Tenant, 'appUrl'>, returnUrl?: string | null): string | null {
  return returnUrl ?? tenant.appUrl ?? null;
}

/** "Get a new link": the tenant's link-request page with ?reason=, when it set one (SPEC §16). */
export function newLinkUrl(tenant: Pick<Tenant, 'linkRequestUrl'>, reason: ExitReason): string | null {
  if (!tenant.linkRequestUrl) return null;
  const url = new URL(tenant.linkRequestUrl);
  url.searchParams.set('reason', reason);
  return url.href;
}
