// Runs once when a server process starts, before it takes traffic.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startServer } = await import('@/lib/startup/start-server');
    await startServer();
  }
}
