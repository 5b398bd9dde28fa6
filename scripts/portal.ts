// npm run portal -- <command> [--flags]: operator CLI. One JSON object on stdout; errors as JSON on stderr, exit 1.
import { openDatabase } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { UsageError, errorJson, printJson } from './cli/cli-io';
import { COMMANDS } from './cli/commands';

async function main(argv: string[]): Promise<void> {
  const [name, ...args] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    throw new UsageError(
      `Unknown command ${JSON.stringify(name ?? '')}. Commands: ${Object.keys(COMMANDS).join(', ')}`,
      'command',
    );
  }
  const env = getEnv();
  const { db, close } = await openDatabase({ databaseUrl: env.DATABASE_URL, pgliteDir: env.PGLITE_DIR });
  try {
    printJson(await command(db, args));
  } finally {
    await close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${JSON.stringify(errorJson(error))}\n`);
  process.exitCode = 1;
});
