import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '@/lib/db/client';
import { createTenant } from '@/lib/tenants/create-tenant';

/*
 * An empty PGlite takes about 2.3 s to initialise and migrate, a copy of a migrated one 0.7 s. The
 * migrated image is made once per set of migrations and PGlite version, and shared by every test
 * file and worker through the temp folder (written under a unique name, then renamed into place).
 */
/** PGlite's package.json, found the way Node finds the package (Stryker runs from a nested sandbox). */
function pglitePackageJson(): string {
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules/@electric-sql/pglite/package.json');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error('@electric-sql/pglite is not installed');
  }
}

function imagePath(): string {
  const hash = createHash('sha256');
  const folder = path.join(process.cwd(), 'drizzle');
  for (const file of fs.readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort()) {
    const full = path.join(folder, file);
    if (fs.statSync(full).isFile()) hash.update(file).update(fs.readFileSync(full));
  }
  hash.update(fs.readFileSync(pglitePackageJson()));
  return path.join(os.tmpdir(), `connections-portal-pglite-${hash.digest('hex').slice(0, 16)}.tar`);
}

async function migratedImage(): Promise<Blob> {
  const file = imagePath();
  if (fs.existsSync(file)) return new Blob([fs.readFileSync(file)]);
  const { db, close } = await openDatabase({ pgliteDir: 'memory://' });
  const image = await (db as unknown as { $client: PGlite }).$client.dumpDataDir('none');
  await close();
  const partial = `${file}.${process.pid}.${Date.now()}`;
  fs.writeFileSync(partial, Buffer.from(await image.arrayBuffer()));
  fs.renameSync(partial, file);
  return image;
}

/** A throwaway in-memory PGlite with the real migrations applied. */
export async function openMemoryDatabase() {
  return openDatabase({ pgliteDir: 'memory://', pgliteImage: await migratedImage() });
}

/** A throwaway in-memory PGlite with the real migrations, and a fresh tenant in it. */
export async function memoryDbWithTenant(slug = 'acme') {
  const { db, close } = await openMemoryDatabase();
  const tenant = await createTenant(db, { slug, name: 'Acme Health', source: 'sandbox', returnOrigins: [] });
  return { db, close, tenant };
}
