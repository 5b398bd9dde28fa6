import { headers } from 'next/headers';
import type { RequestOrigin } from '@/lib/audit/record-audit-event';
import { clientOrigin } from '@/lib/security/client-origin';

/** Address and user agent of the request behind a server action, for the audit log. */
export async function actionRequestOrigin(): Promise<RequestOrigin> {
  return clientOrigin(await headers());
}
