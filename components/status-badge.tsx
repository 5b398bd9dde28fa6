import type { DeviceView } from '@/lib/connections/connection-row';
import { Badge } from './ui/badge';

const LABELS: Record<
  DeviceView['status'],
  { text: string; tone: 'success' | 'warning' | 'danger' | 'neutral' }
> = {
  active: { text: 'Connected', tone: 'success' },
  reauth_required: { text: 'Needs reconnecting', tone: 'warning' },
  error: { text: 'Error', tone: 'danger' },
  pending: { text: 'Connecting…', tone: 'neutral' },
  disconnected: { text: 'Disconnected', tone: 'neutral' },
};

export function StatusBadge({ status }: { status: DeviceView['status'] }) {
  const label = LABELS[status];
  return <Badge tone={label.tone}>{label.text}</Badge>;
}
