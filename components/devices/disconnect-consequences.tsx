import { useTranslations } from 'next-intl';
import type { SourceName } from '@/lib/connections/vocabulary';

/**
 * What a disconnect means, in the same words in the dialog and on the confirmation page: no new
 * data, and what becomes of the data already shared, which depends on the source (SPEC §13).
 */
export function DisconnectConsequences({
  provider,
  tenant,
  source,
}: {
  provider: string;
  tenant: string;
  source: SourceName;
}) {
  const t = useTranslations('dialog');
  return (
    <>
      <p className="mt-2 text-sm text-[var(--text-muted)]">{t('text', { provider, tenant })}</p>
      <p className="mt-2 text-sm text-[var(--text-muted)]">
        {t(source === 'terra' ? 'dataKeptTerra' : 'dataKeptSandbox', { tenant })}
      </p>
    </>
  );
}
