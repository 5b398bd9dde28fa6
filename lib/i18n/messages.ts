import de from './messages/de.json';
import en from './messages/en.json';
import es from './messages/es.json';
import fr from './messages/fr.json';
import ja from './messages/ja.json';
import type { Locale } from './locales';

export type Messages = typeof en;

/** Every catalogue is bundled: five small files beat a loader, and a missing key fails a unit test. */
export const CATALOGUES: Record<Locale, Messages> = { en, de, fr, es, ja };

export function messagesFor(locale: Locale): Messages {
  return CATALOGUES[locale];
}
