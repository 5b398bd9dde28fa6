import { notFound } from 'next/navigation';
import { PortalShell } from '@/components/portal-shell';
import { getTenantForHostSegment } from '@/lib/tenants/current-tenant';

export default async function SignedOutPage({ params }: { params: Promise<{ host: string }> }) {
  const tenant = await getTenantForHostSegment((await params).host);
  if (!tenant) notFound();
  return (
    <PortalShell tenantName={tenant.name}>
      <h1 className="text-2xl font-semibold">You&apos;re signed out</h1>
      <p className="mt-2 text-[var(--text-muted)]">
        You can close this page. To manage your devices again, open the link from {tenant.name}.
      </p>
    </PortalShell>
  );
}
