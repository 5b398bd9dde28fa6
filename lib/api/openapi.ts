import { z } from 'zod';
import { PORTAL_ERROR_TYPES } from '@/lib/errors';
import {
  connectionListSchema,
  connectionObjectSchema,
  providerListSchema,
  sandboxStatusBody,
  userConnectionsQuery,
} from './schemas/connections';
import { eventListSchema, eventsQuery } from './schemas/events';
import {
  webhookDeliveriesQuery,
  webhookDeliveryListSchema,
  webhookDeliveryObjectSchema,
} from './schemas/webhook-deliveries';
import {
  createWebhookEndpointBody,
  createdWebhookEndpointSchema,
  rotatedWebhookEndpointSchema,
  updateWebhookEndpointBody,
  webhookEndpointListSchema,
  webhookEndpointObjectSchema,
} from './schemas/webhook-endpoints';
import { createPortalLinkBody, portalLinkObject } from './schemas/portal-links';
import { updateTenantBody } from './schemas/tenant';

type JsonSchema = Record<string, unknown>;

function schema(zodSchema: z.ZodType, io: 'input' | 'output' = 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(zodSchema, {
    io,
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

function queryParameters(zodSchema: z.ZodObject): JsonSchema[] {
  return Object.entries(zodSchema.shape).map(([name, field]) => ({
    name,
    in: 'query',
    required: false,
    schema: schema(field as z.ZodType, 'input'),
  }));
}

const errorSchema = z.object({
  error: z.object({
    type: z.enum(PORTAL_ERROR_TYPES),
    code: z.string(),
    message: z.string(),
    param: z.string().optional(),
  }),
});

const json = (body: JsonSchema) => ({ 'application/json': { schema: body } });
const errorResponse = (description: string) => ({
  description,
  content: json({ $ref: '#/components/schemas/Error' }),
});
const standardErrors = {
  '400': errorResponse('Invalid request; `param` names the field'),
  '401': errorResponse('Missing, invalid or revoked API key'),
  '429': {
    ...errorResponse('Rate limited; retry after `Retry-After` seconds'),
    headers: { 'Retry-After': { schema: { type: 'integer' } } },
  },
};
const idempotencyHeader = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', maxLength: 255 },
};

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function openApiDocument(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Connections Portal API',
      version: '1.0.0',
      description: 'Mint portal links and read the wearable connections of your users.',
    },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }],
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'cp_test_… or cp_live_…' } },
      schemas: {
        Error: schema(errorSchema),
        Connection: schema(connectionObjectSchema),
        PortalLink: schema(portalLinkObject),
      },
    },
    paths: {
      '/api/v1/portal_links': {
        post: {
          operationId: 'createPortalLink',
          summary: 'Mint a magic link for one of your users',
          parameters: [idempotencyHeader],
          requestBody: { required: true, content: json(schema(createPortalLinkBody, 'input')) },
          responses: {
            '201': {
              description: 'The portal link',
              content: json({ $ref: '#/components/schemas/PortalLink' }),
            },
            ...standardErrors,
            '409': errorResponse('Idempotency-Key reused with another body'),
            '413': errorResponse('Body over 64 KiB'),
          },
        },
      },
      '/api/v1/providers': {
        get: {
          operationId: 'listProviders',
          summary: 'Providers enabled for your tenant',
          responses: {
            '200': { description: 'Providers', content: json(schema(providerListSchema)) },
            ...standardErrors,
          },
        },
      },
      '/api/v1/users/{reference_id}/connections': {
        get: {
          operationId: 'listUserConnections',
          summary: "A user's connections, newest first (disconnected included)",
          parameters: [
            {
              name: 'reference_id',
              in: 'path',
              required: true,
              schema: { type: 'string', minLength: 1, maxLength: 128 },
            },
            ...queryParameters(userConnectionsQuery),
          ],
          responses: {
            '200': { description: 'Connections', content: json(schema(connectionListSchema)) },
            ...standardErrors,
          },
        },
      },
      '/api/v1/connections/{id}': {
        delete: {
          operationId: 'deleteConnection',
          summary: 'Disconnect a connection',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': {
              description: 'The disconnected connection',
              content: json({ $ref: '#/components/schemas/Connection' }),
            },
            ...standardErrors,
            '404': errorResponse('No such connection for your tenant'),
          },
        },
      },
      '/api/v1/events': {
        get: {
          operationId: 'listEvents',
          summary: 'Your event log, newest first',
          parameters: queryParameters(eventsQuery),
          responses: {
            '200': { description: 'Events', content: json(schema(eventListSchema)) },
            ...standardErrors,
          },
        },
      },
      '/api/v1/tenant': {
        get: {
          operationId: 'getTenant',
          summary: 'Your tenant\'s brand and settings (source secrets only as "set")',
          responses: {
            '200': { description: 'The tenant', content: json({ type: 'object' }) },
            ...standardErrors,
          },
        },
        patch: {
          operationId: 'updateTenant',
          summary: 'Change brand and settings',
          requestBody: { required: true, content: json(schema(updateTenantBody, 'input')) },
          responses: {
            '200': { description: 'The tenant', content: json({ type: 'object' }) },
            ...standardErrors,
          },
        },
      },
      '/api/v1/webhook_endpoints': {
        get: {
          operationId: 'listWebhookEndpoints',
          summary: 'Your webhook endpoints, oldest first (never their secrets)',
          responses: {
            '200': { description: 'Endpoints', content: json(schema(webhookEndpointListSchema)) },
            ...standardErrors,
          },
        },
        post: {
          operationId: 'createWebhookEndpoint',
          summary: 'Add a webhook endpoint; its signing secret is in this answer only',
          parameters: [idempotencyHeader],
          requestBody: { required: true, content: json(schema(createWebhookEndpointBody, 'input')) },
          responses: {
            '201': {
              description: 'The endpoint and its secret',
              content: json(schema(createdWebhookEndpointSchema)),
            },
            ...standardErrors,
          },
        },
      },
      '/api/v1/webhook_endpoints/{id}': {
        get: {
          operationId: 'getWebhookEndpoint',
          summary: 'One webhook endpoint',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'The endpoint', content: json(schema(webhookEndpointObjectSchema)) },
            ...standardErrors,
            '404': errorResponse('No such webhook endpoint for your tenant'),
          },
        },
        patch: {
          operationId: 'updateWebhookEndpoint',
          summary: 'Change the url, the events, or pause deliveries (enabled: false) and resume them',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, content: json(schema(updateWebhookEndpointBody, 'input')) },
          responses: {
            '200': { description: 'The endpoint', content: json(schema(webhookEndpointObjectSchema)) },
            ...standardErrors,
            '404': errorResponse('No such webhook endpoint for your tenant'),
          },
        },
        delete: {
          operationId: 'deleteWebhookEndpoint',
          summary: 'Remove a webhook endpoint, with its queued deliveries and their log',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': {
              description: 'Removed',
              content: json({
                type: 'object',
                required: ['id', 'object', 'deleted'],
                properties: {
                  id: { type: 'string' },
                  object: { const: 'webhook_endpoint' },
                  deleted: { const: true },
                },
              }),
            },
            ...standardErrors,
            '404': errorResponse('No such webhook endpoint for your tenant'),
          },
        },
      },
      '/api/v1/webhook_deliveries': {
        get: {
          operationId: 'listWebhookDeliveries',
          summary: 'Delivery log of your webhook endpoints, newest first',
          parameters: queryParameters(webhookDeliveriesQuery),
          responses: {
            '200': { description: 'Deliveries', content: json(schema(webhookDeliveryListSchema)) },
            ...standardErrors,
            '404': errorResponse('No such webhook endpoint for your tenant'),
          },
        },
      },
      '/api/v1/webhook_endpoints/{id}/rotate_secret': {
        post: {
          operationId: 'rotateWebhookEndpointSecret',
          summary: 'A new signing secret; the old one keeps signing beside it for 24 hours',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            idempotencyHeader,
          ],
          responses: {
            '200': {
              description: 'The endpoint and its new secret',
              content: json(schema(rotatedWebhookEndpointSchema)),
            },
            ...standardErrors,
            '404': errorResponse('No such webhook endpoint for your tenant'),
          },
        },
      },
      '/api/v1/webhook_deliveries/{id}/retry': {
        post: {
          operationId: 'retryWebhookDelivery',
          summary: 'Send a delivered or failed delivery once more, now, with the same webhook-id',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            idempotencyHeader,
          ],
          responses: {
            '200': {
              description: 'The delivery, queued',
              content: json(schema(webhookDeliveryObjectSchema)),
            },
            ...standardErrors,
            '404': errorResponse('No such webhook delivery for your tenant'),
            '409': errorResponse('The delivery is still waiting to be sent or being sent'),
          },
        },
      },
      '/api/v1/sandbox/connections/{id}/status': {
        post: {
          operationId: 'setSandboxConnectionStatus',
          summary: 'Sandbox only: put a connection into reauth_required or error to test your UI',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            idempotencyHeader,
          ],
          requestBody: { required: true, content: json(schema(sandboxStatusBody, 'input')) },
          responses: {
            '200': {
              description: 'The connection',
              content: json({ $ref: '#/components/schemas/Connection' }),
            },
            ...standardErrors,
            '404': errorResponse('No such connection'),
          },
        },
      },
      '/api/v1/openapi.json': {
        get: {
          operationId: 'getOpenApi',
          summary: 'This document',
          security: [],
          responses: { '200': { description: 'OpenAPI 3.1 document', content: json({ type: 'object' }) } },
        },
      },
    },
  };
}
