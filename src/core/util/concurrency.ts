/**
 * Runs `fn` over `items` with at most `limit` calls in flight, keeping the results in input
 * order. Unlike fixed batches (`Promise.all` of 16, then the next 16), one slow item holds up
 * only its own slot: on a file system reached through a round trip per call (the web host,
 * a remote) the slots stay busy and the total is close to `items / limit` round trips.
 */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  const workers = Math.max(1, Math.min(Math.floor(limit) || 1, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
