'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => undefined;

/**
 * A timestamp in the reader's own time zone. The server does not know it, so the first HTML shows
 * UTC and the browser re-renders it locally (hence no hydration warning for the text).
 */
export function LocalTime({ iso, locale = 'en' }: { iso: string; locale?: string }) {
  const isClient = useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
  const date = new Date(iso);
  const options: Intl.DateTimeFormatOptions = {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(isClient ? {} : { timeZone: 'UTC' }),
  };
  const text = new Intl.DateTimeFormat(locale, options).format(date) + (isClient ? '' : ' UTC');
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {text}
    </time>
  );
}
