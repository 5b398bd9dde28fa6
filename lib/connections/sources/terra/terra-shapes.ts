import { z } from 'zod';

/** Terra's documented shapes (platforms/terra.md), validated before use; unknown fields pass through. */
export const terraUser = z.object({
  user_id: z.string().min(1),
  provider: z.string().min(1),
  reference_id: z.string().nullable().optional(),
  created_at: z.string().nullable().optional(),
  last_webhook_update: z.string().nullable().optional(),
  scopes: z.string().nullable().optional(),
  active: z.boolean().optional(),
});
export type TerraUser = z.infer<typeof terraUser>;

/** `{users: [...]}` on the newest reference page, a bare array in the July 2026 spec: accept both. */
export const terraUsersByReference = z.union([
  z.object({ users: z.array(terraUser) }).transform((r) => r.users),
  z.array(terraUser),
]);

export const terraUserById = z.object({ user: terraUser, is_authenticated: z.boolean().optional() });

export const terraWidgetSession = z.object({
  url: z.string().url(),
  session_id: z.string().optional(),
  expires_in: z.number().optional(),
});

export const terraDetailedIntegrations = z.object({
  providers: z.array(
    z.object({ provider: z.string(), name: z.string().optional(), enabled: z.boolean().optional() }),
  ),
});

export const terraWebhookBody = z.looseObject({
  type: z.string(),
  status: z.string().optional(),
  user: terraUser.nullable().optional(),
  new_user: terraUser.nullable().optional(),
  old_user: terraUser.nullable().optional(),
  reference_id: z.string().nullable().optional(),
  reason: z.string().nullable().optional(),
});

/** SDK-only providers connect from the tenant's mobile app, never through the web widget. */
export const TERRA_SDK_PROVIDERS = new Set(['APPLE', 'SAMSUNG', 'HEALTH_CONNECT', 'GOOGLE_HEALTH_CONNECT']);

export function parseScopes(scopes: string | null | undefined): string[] {
  return (scopes ?? '')
    .split(',')
    .map((scope) => scope.trim())
    .filter(Boolean);
}

export function parseDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
