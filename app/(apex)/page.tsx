export default function ApexLandingPage() {
  return (
    <main className="mx-auto max-w-2xl px-6 py-16">
      <h1 className="text-3xl font-semibold">Connections Portal</h1>
      <p className="mt-4 text-[var(--text-muted)]">
        A hosted page where the people using a health app manage the wearables linked to their account. Open
        the link your app sent you to see your devices.
      </p>
    </main>
  );
}
