// The container's HEALTHCHECK: alive when /livez answers 200. /livez never touches Postgres or Redis, so an outage
// of either makes the process unready (/readyz), never unhealthy: restarting it would not bring them back.
const port = process.env.PORT || '3000';
try {
  const response = await fetch(`http://127.0.0.1:${port}/livez`, { signal: AbortSignal.timeout(2_000) });
  process.exit(response.status === 200 ? 0 : 1);
} catch {
  process.exit(1);
}
