import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { getEnv } from '@/lib/env';

/**
 * The benchmark's reference: the smallest dynamic page this app can serve (root layout, proxy, a
 * per-request render), so `npm run bench` can compare our pages with the framework's own ceiling.
 * It exists only when the server runs with BENCH=1.
 */
export default async function BenchHelloPage() {
  await connection();
  if (!getEnv().BENCH) notFound();
  return (
    <main className="mx-auto max-w-xl px-6 py-16">
      <h1 className="text-2xl font-semibold">Hello</h1>
      <p className="mt-3">Rendered at {new Date().toISOString()}</p>
    </main>
  );
}
