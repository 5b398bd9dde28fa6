import { notFound } from 'next/navigation';
import { getTenantForHostSegment } from '@/lib/tenants/current-tenant';

export default async function TenantHomePage({ params }: { params: Promise<{ host: string }> }) {
  const tenant = await getTenantForHostSegment((await params).host);
  if (!tenant) notFound();
  return (
    <main className="mx-auto max-w-xl px-6 py-16">
      <h1 className="text-2xl font-semibold">{tenant.name}</h1>
      <p className="mt-3 text-[var(--text-muted)]">Open the link your app sent you to manage your devices.</p>
    </main>
  );
}
