#!/bin/sh
# The container's entry point: one image, one role per container.
#   web | worker | all   node src/main.ts <role> (Slack's requests, the job workers, or both in one process)
#   migrate              apply the database migrations to DATABASE_URL and exit (run once before web and worker)
# Node runs in place of this shell (exec), so SIGTERM reaches Nudge and its ordered shutdown.
set -eu
cd "$(dirname "$0")/.."
role="${1:-}"
case "$role" in
  web | worker | all) exec node src/main.ts "$role" ;;
  migrate) exec node src/db/migrate-cli.ts ;;
  *)
    echo "usage: image-start.sh web|worker|all|migrate (got \"$role\")" >&2
    exit 2
    ;;
esac
