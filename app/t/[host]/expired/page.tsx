import { notFound } from 'next/navigation';
import { PortalShell } from '@/components/portal-shell';
import { getTenantForHostSegment } from '@/lib/tenants/current-tenant';

const REASONS = {
  session: {
    title: 'Your session has ended',
    text: 'For your security, sessions end after a while without activity.',
  },
  signed_out: {
    title: 'You are not signed in',
    text: 'Open the link from your app or e-mail to manage your devices.',
  },
} as const;

export default async function ExpiredPage({
  params,
  searchParams,
}: {
  params: Promise<{ host: string }>;
  searchParams: Promise<{ reason?: string }>;
}) {
  const tenant = await getTenantForHostSegment((await params).host);
  if (!tenant) notFound();
  const reason = (await searchParams).reason === 'session' ? REASONS.session : REASONS.signed_out;
  return (
    <PortalShell tenantName={tenant.name}>
      <h1 className="text-2xl font-semibold">{reason.title}</h1>
      <p className="mt-2 text-[var(--text-muted)]">{reason.text}</p>
      <p className="mt-2 text-[var(--text-muted)]">
        Open {tenant.name} and choose to manage your devices again to get a new link.
      </p>
    </PortalShell>
  );
}
