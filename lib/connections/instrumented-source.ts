import { metrics } from '@/server/metrics.mjs';
import { type ConnectionSource, SourceUnavailableError } from './sources/connection-source';

/**
 * The same source, with every platform call timed and its failures counted by kind for
 * GET /api/metrics. Errors pass through unchanged.
 */
export function instrumentedSource(source: ConnectionSource): ConnectionSource {
  const timed =
    <Args extends unknown[], Result>(operation: string, call: (...args: Args) => Promise<Result>) =>
    async (...args: Args): Promise<Result> => {
      const stop = metrics().sourceDuration.startTimer({ source: source.name, operation });
      try {
        const result = await call(...args);
        stop({ outcome: 'ok' });
        return result;
      } catch (error) {
        stop({ outcome: 'error' });
        const kind = error instanceof SourceUnavailableError ? error.kind : 'other';
        metrics().sourceErrors.inc({ source: source.name, kind });
        throw error;
      }
    };
  return {
    ...source,
    listProviders: timed('listProviders', source.listProviders.bind(source)),
    listConnections: timed('listConnections', source.listConnections.bind(source)),
    startConnect: timed('startConnect', source.startConnect.bind(source)),
    completeConnect: timed('completeConnect', source.completeConnect.bind(source)),
    disconnect: timed('disconnect', source.disconnect.bind(source)),
  };
}
