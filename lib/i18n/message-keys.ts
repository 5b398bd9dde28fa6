import en from './messages/en.json';
import type { Messages } from './messages';

/** True when `key` names a message of `namespace`, e.g. a scope or error code that has a sentence. */
export function isMessageKey<Namespace extends keyof Messages>(
  namespace: Namespace,
  key: string,
): key is Extract<keyof Messages[Namespace], string> {
  return Object.hasOwn(en[namespace], key);
}
