/** Small statistics for the benchmarks. */

/** The `p`-th percentile (0 to 100) of `values` by the nearest-rank method; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) {
    return Number.NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? Number.NaN;
}

/** Returns the median of `values`, or NaN for none. */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}
