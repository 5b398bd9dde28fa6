'use client';

import { useLocale } from 'next-intl';
import { useState, useSyncExternalStore } from 'react';
import { relativeTime } from '@/lib/i18n/relative-time';

const subscribe = () => () => undefined;

// Building an Intl.DateTimeFormat costs ~40 µs (ICU) and formatting with one ~1 µs; the devices page
// shows several dates, so formatters are kept per locale and zone (a handful at most).
const formatters = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(locale: string, inUtc: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${inUtc ? 'utc' : 'local'}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      ...(inUtc ? { timeZone: 'UTC' } : {}),
    });
    formatters.set(key, format);
  }
  return format;
}

/**
 * A timestamp in the reader's language and own time zone. The server does not know the zone, so the
 * first HTML shows UTC and the browser re-renders it locally (hence no hydration warning for the
 * text). `relative` shows "5 minutes ago" once in the browser, with the full date as its title.
 */
export function LocalTime({ iso, relative = false }: { iso: string; relative?: boolean }) {
  const locale = useLocale();
  const isClient = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const [now] = useState(() => Date.now());
  const date = new Date(iso);
  const absolute = dateTimeFormat(locale, !isClient).format(date) + (isClient ? '' : ' UTC');
  if (relative && isClient) {
    return (
      <time dateTime={iso} title={absolute} suppressHydrationWarning>
        {relativeTime(date, now, locale)}
      </time>
    );
  }
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {absolute}
    </time>
  );
}
