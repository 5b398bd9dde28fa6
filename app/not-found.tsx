export default function NotFoundPage() {
  return (
    <main className="mx-auto max-w-xl px-6 py-16 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="mt-3 text-[var(--text-muted)]">
        There is nothing at this address. Check the link you were given.
      </p>
    </main>
  );
}
