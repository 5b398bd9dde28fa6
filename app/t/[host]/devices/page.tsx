import { PortalShell } from '@/components/portal-shell';
import { requirePortalSession } from '@/lib/auth/get-portal-session';

export default async function DevicesPage({ params }: { params: Promise<{ host: string }> }) {
  const { tenant, session } = await requirePortalSession((await params).host);
  return (
    <PortalShell tenantName={tenant.name} returnUrl={session.returnUrl} signedIn>
      <h1 className="text-2xl font-semibold">Your devices</h1>
      <p className="mt-2 text-[var(--text-muted)]">
        Signed in to {tenant.name} as <span className="font-mono">{session.referenceId}</span>.
      </p>
    </PortalShell>
  );
}
