import type { portalLinks } from '@/lib/db/schema';

export type PortalLinkRow = typeof portalLinks.$inferSelect;

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Where a redeemed link sends the user, by its intent. */
export function intentTarget(link: Pick<PortalLinkRow, 'intent' | 'provider' | 'connectionId'>): string {
  switch (link.intent) {
    case 'connect':
      return link.provider ? `/devices/connect/${encodeURIComponent(link.provider)}` : '/devices';
    case 'reconnect':
      return link.connectionId ? `/devices/${encodeURIComponent(link.connectionId)}` : '/devices';
    case 'disconnect':
      return link.connectionId ? `/devices/${encodeURIComponent(link.connectionId)}/disconnect` : '/devices';
    default:
      return '/devices';
  }
}

export type LinkState = 'usable' | 'expired' | 'used';

export function linkState(link: PortalLinkRow, now = Date.now()): LinkState {
  if (link.redeemedAt) return 'used';
  return link.expiresAt.getTime() <= now ? 'expired' : 'usable';
}
