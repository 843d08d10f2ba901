# syntax=docker/dockerfile:1
# Nudge's container image: one image for every role (web, worker, migrate), chosen by the command.
# The build and start steps live in scripts/image-build.sh and scripts/image-start.sh, which CI also runs on a clean
# clone (.ci/run): this file only places them, so what CI proves is what the image does.

FROM node:24-bookworm-slim AS build
WORKDIR /source
COPY . .
RUN scripts/image-build.sh /app

FROM node:24-bookworm-slim
# The charts Nudge sends to Slack as PNG are drawn with the system's fonts (src/charts/render-chart.ts asks for DejaVu
# Sans); the slim image ships none, and without them the pictures would have no text.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
# Only used with no DATABASE_URL (the embedded PostgreSQL and its generated key); owned by the unprivileged user.
ENV NUDGE_DATA_DIR=/var/lib/nudge
RUN mkdir -p /var/lib/nudge && chown node:node /var/lib/nudge
# The code stays owned by root: the process that runs it cannot change it.
COPY --from=build /app /app
WORKDIR /app
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 CMD ["node", "scripts/image-healthcheck.mjs"]
ENTRYPOINT ["scripts/image-start.sh"]
CMD ["web"]
