import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';
import type { Messages } from '@/lib/i18n/messages';

type Props = { namespaces: ReadonlyArray<keyof Messages>; children: ReactNode };

/**
 * Gives the client components below it the request's locale and only the catalogue parts they read:
 * every message handed over is serialised into the page, so each page names its own few namespaces.
 */
export async function ClientMessages({ namespaces, children }: Props) {
  const messages = await getMessages();
  const picked = Object.fromEntries(namespaces.map((name) => [name, messages[name]]));
  return <NextIntlClientProvider messages={picked}>{children}</NextIntlClientProvider>;
}
