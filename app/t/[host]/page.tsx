import { notFound, redirect } from 'next/navigation';
import { PortalShell } from '@/components/portal-shell';
import { getPortalSession } from '@/lib/auth/get-portal-session';
import { getTenantForHostSegment } from '@/lib/tenants/current-tenant';

export default async function TenantHomePage({ params }: { params: Promise<{ host: string }> }) {
  const host = (await params).host;
  const tenant = await getTenantForHostSegment(host);
  if (!tenant) notFound();
  if (await getPortalSession(host)) redirect('/devices');
  return (
    <PortalShell tenantName={tenant.name}>
      <h1 className="text-2xl font-semibold">{tenant.name}</h1>
      <p className="mt-3 text-[var(--text-muted)]">Open the link your app sent you to manage your devices.</p>
    </PortalShell>
  );
}
