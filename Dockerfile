# syntax=docker/dockerfile:1
# The portal as one image: build with the full toolchain, run only what `next build` traced
# (output: "standalone"), the portal's own server (server/) and the migrations, as a non-root user.
# scripts/assemble-image.mjs performs this file's runtime-stage COPY lines on a checkout, so the
# tests run exactly what the image runs (no container runtime can pull a base image in CI).

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# Optional: the same value for every build keeps server actions working across a rolling deploy.
ARG NEXT_SERVER_ACTIONS_ENCRYPTION_KEY
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx next build

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 PGLITE_DIR=/app/.data/pglite
RUN groupadd --system portal && useradd --system --gid portal --home-dir /app portal \
  && mkdir -p /app/.data && chown portal:portal /app/.data
COPY --from=build --chown=portal:portal /app/.next/standalone ./
COPY --from=build --chown=portal:portal /app/.next/static ./.next/static
COPY --from=build --chown=portal:portal /app/public ./public
COPY --from=build --chown=portal:portal /app/server ./server
COPY --from=build --chown=portal:portal /app/drizzle ./drizzle
USER portal
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server/start.mjs"]
