// The large world: 10,000 tenants (the bench tenant plus 9,999 more, each with an API key) and
// 1,000,000 connections spread over them, written by PostgreSQL itself with generate_series.
import pg from 'pg';

export const SCALE = { tenants: 10_000, connections: 1_000_000 };

const PROVIDERS = "array['OURA','GARMIN','FITBIT','WHOOP']";

/**
 * Connection g belongs to tenant g % 10,000 (0 = the bench tenant) and, within it, to user
 * (g / 10,000) / 4 with provider (g / 10,000) % 4: 100 connections per tenant, 25 users with 4 each,
 * one in twenty disconnected. The bench tenant's signed-in user keeps exactly its 3 connections.
 */
const connectionsInsert = (benchTenantId: string, from: number, to: number) => ({
  text: `insert into connections
      (id, tenant_id, reference_id, provider, source, status, scopes, connected_at, status_changed_at, created_at)
    select
      'conn_scale_' || g,
      case when g % ${SCALE.tenants} = 0 then $1 else 'ten_scale_' || lpad((g % ${SCALE.tenants})::text, 5, '0') end,
      'user-' || ((g / ${SCALE.tenants}) / 4),
      (${PROVIDERS})[1 + (g / ${SCALE.tenants}) % 4],
      'sandbox',
      case when g % 20 = 0 then 'disconnected' else 'active' end,
      '["activity","sleep"]'::jsonb,
      now() - make_interval(secs => g),
      now() - make_interval(secs => g),
      now() - make_interval(secs => g)
    from generate_series(${from}, ${to}) as g`,
  values: [benchTenantId],
});

export async function seedScale(databaseUrl: string, benchTenantId: string): Promise<number> {
  const started = performance.now();
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    await pool.query(`insert into tenants (id, slug, name, source)
      select 'ten_scale_' || lpad(g::text, 5, '0'), 'scale-' || g, 'Scale Tenant ' || g, 'sandbox'
      from generate_series(1, ${SCALE.tenants - 1}) as g`);
    await pool.query(`insert into api_keys (id, tenant_id, prefix, key_hash, mode)
      select 'key_scale_' || g, 'ten_scale_' || lpad(g::text, 5, '0'), 'cp_test_' || lpad(g::text, 8, '0'),
             md5('scale-key-' || g) || md5('scale-key-b-' || g), 'test'
      from generate_series(1, ${SCALE.tenants - 1}) as g`);
    // Two halves on two connections: one per core.
    const half = SCALE.connections / 2;
    await Promise.all(
      [
        [0, half - 1],
        [half, SCALE.connections - 1],
      ].map(async ([from = 0, to = 0]) => {
        await pool.query(connectionsInsert(benchTenantId, from, to));
      }),
    );
    // Vacuum now, so autovacuum does not start on the new rows in the middle of a measurement.
    await pool.query('vacuum (analyze) tenants, api_keys, connections');
    // Write the seeded pages out now too, so a checkpoint does not slow the large database's writes
    // (link minting) in the middle of a measurement. CHECKPOINT needs a superuser or pg_checkpoint.
    await pool.query('checkpoint').catch(() => undefined);
  } finally {
    await pool.end();
  }
  return (performance.now() - started) / 1000;
}

/** Row counts, so the report shows what the large world really held. */
export async function countRows(databaseUrl: string): Promise<{ tenants: number; connections: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ tenants: string; connections: string }>(
      'select (select count(*) from tenants) as tenants, (select count(*) from connections) as connections',
    );
    return { tenants: Number(rows[0]?.tenants ?? 0), connections: Number(rows[0]?.connections ?? 0) };
  } finally {
    await client.end();
  }
}
