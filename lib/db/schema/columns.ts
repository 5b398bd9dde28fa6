import { customType, timestamp } from 'drizzle-orm/pg-core';

/** Column builders shared by the schema's tables. */
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** Raw bytes; pg returns a Buffer and PGlite a Uint8Array, so both are read back as a Buffer. */
export const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});
