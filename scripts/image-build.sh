#!/usr/bin/env bash
# Builds Nudge's runtime into a folder: the container image's build stage runs this (Dockerfile), and CI runs it on
# a clean clone (.ci/run), so the image's steps are exercised even where no container engine runs.
# Usage: scripts/image-build.sh <destination folder>
set -euo pipefail
source_dir="$(cd "$(dirname "$0")/.." && pwd)"
dest="${1:?usage: scripts/image-build.sh <destination folder>}"

node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" != 24 ]; then
  echo "image-build: Node 24 is required, found $(node --version)" >&2
  exit 1
fi

# Node runs the TypeScript as it is (type stripping), so there is nothing to compile: the runtime is the code, the
# manifest the sandbox reads, the lock file and the entry scripts. Tests, benchmarks and docs stay out.
runtime=(package.json package-lock.json manifest.yml src jobs scripts/image-start.sh scripts/image-healthcheck.mjs)
mkdir -p "$dest/scripts"
for path in "${runtime[@]}"; do
  cp -R "$source_dir/$path" "$dest/$path"
done

cd "$dest"
npm ci --omit=dev --no-audit --no-fund

# Every module the entry points load must resolve from the production dependencies alone: a runtime import of a
# devDependency fails here, not in a container at 3 a.m.
node --input-type=module -e '
  for (const entry of ["./src/config.ts", "./src/embedded/resolve-config.ts", "./src/service.ts", "./src/db/migrate.ts"]) {
    await import(new URL(entry, `file://${process.cwd()}/`).href);
  }
'
echo "image-build: runtime ready in $dest"
