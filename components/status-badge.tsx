import { useTranslations } from 'next-intl';
import type { DeviceView } from '@/lib/connections/connection-row';
import { Badge } from './ui/badge';

const TONES: Record<DeviceView['status'], 'success' | 'warning' | 'danger' | 'neutral'> = {
  active: 'success',
  reauth_required: 'warning',
  error: 'danger',
  pending: 'neutral',
  disconnected: 'neutral',
};

export function StatusBadge({ status }: { status: DeviceView['status'] }) {
  const t = useTranslations('status');
  return <Badge tone={TONES[status]}>{t(status)}</Badge>;
}
