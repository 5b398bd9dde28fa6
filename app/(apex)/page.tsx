import { getTranslations } from 'next-intl/server';

export default async function ApexLandingPage() {
  const t = await getTranslations('apex');
  return (
    <main className="mx-auto max-w-2xl px-6 py-16">
      <h1 className="text-3xl font-semibold">{t('title')}</h1>
      <p className="mt-4 text-[var(--text-muted)]">{t('text')}</p>
    </main>
  );
}
