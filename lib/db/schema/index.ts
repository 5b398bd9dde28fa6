// The database schema, one file per area; drizzle-kit reads this module (drizzle.config.ts) and the
// client passes it to drizzle, so every table is exported here.
export * from './tenants';
export * from './audit';
export * from './portal-access';
export * from './connections';
export * from './webhooks';
export * from './api-state';
