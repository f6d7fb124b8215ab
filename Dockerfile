# syntax=docker/dockerfile:1
# PodNode Explorer: Next's standalone server on a distroless Node image, as uid 65532, on a
# read-only root filesystem (it writes nothing; mount an emptyDir at /tmp as deploy/ does).
#   docker build -t podnode-explorer:0.1.0 .
# e2e/image.spec.ts starts exactly what this image holds (same assembly, env and user).

FROM node:20-bookworm-slim AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx next build && node scripts/assemble-standalone.mjs /app

FROM gcr.io/distroless/nodejs20-debian12:nonroot
WORKDIR /app
# Owned by root and not writable by the app's user: the code cannot be changed from inside.
COPY --from=build --chown=0:0 /app /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=127.0.0.1 \
    PODNODE_HEALTH_PORT=8081
USER 65532:65532
EXPOSE 3000 8081
CMD ["server.js"]
