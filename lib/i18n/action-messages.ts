import { getTranslations } from 'next-intl/server';
import { isMessageKey } from './message-keys';
import { sessionLocale } from './session-locale';

type SignedIn = Parameters<typeof sessionLocale>[0];

/** The sentences a server action can answer with, in the session's language. */
export async function actionMessages(signedIn: SignedIn) {
  return getTranslations({ locale: await sessionLocale(signedIn), namespace: 'actions' });
}

/** A service's PortalError code as a sentence for the user; codes without one get a generic sentence. */
export async function errorSentence(signedIn: SignedIn, code: string): Promise<string> {
  const t = await getTranslations({ locale: await sessionLocale(signedIn), namespace: 'errors' });
  return isMessageKey('errors', code) ? t(code) : t('generic');
}
