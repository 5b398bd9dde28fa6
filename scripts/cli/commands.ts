import type { Database } from '@/lib/db/client';
import { linkCreate } from './link-commands';
import { domainAdd, domainVerify, keyCreate, keyRevoke, tenantCreate, tenantUpdate } from './tenant-commands';
import { webhookAdd, webhookList, webhookRemove, webhookTest } from './webhook-commands';

export type Command = (db: Database, args: string[]) => Promise<unknown>;

export const COMMANDS: Record<string, Command> = {
  'tenant:create': tenantCreate,
  'tenant:update': tenantUpdate,
  'key:create': keyCreate,
  'key:revoke': keyRevoke,
  'domain:add': domainAdd,
  'domain:verify': domainVerify,
  'link:create': linkCreate,
  'webhook:add': webhookAdd,
  'webhook:list': webhookList,
  'webhook:remove': webhookRemove,
  'webhook:test': webhookTest,
};
