# Accords: one image for the api, the worker and the one-shot migrate/seed job.
# Build:  docker build -t accords .
# Api:    docker run --env-file … accords                      (default CMD)
# Worker: docker build --target worker -t accords-worker . && docker run --env-file … accords-worker
# Schema: docker run --env-file … accords sh -c 'npm run migration:run && npm run seed'

# --- build: full dependency tree, compile TypeScript (nest build, swagger plugin) -------------------
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# --- runtime: production dependencies + compiled output only ----------------------------------------
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# argon2 ships a linux-x64/arm64 glibc prebuild, so no compiler is needed here. The typeorm CLI used by
# `npm run migration:run` comes with the production dependency `typeorm`.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
USER node
EXPOSE 3000
# V8 would grow the young generation to 128 MB on a large host (2 × 32 MB costs the list route no
# measurable GC time), and the old one to 4 × its live size between full collections (2 × here; the
# CSV export's rows outlive scavenges, so 1.5 × cost it a third more CPU): README, "Memory".
CMD ["node", "--max-semi-space-size=32", "--heap-growing-percent=100", "dist/src/main.js"]

# --- worker: the runtime plus Debian's Chromium and fonts, to print committee packs ------------------
# playwright-core drives this Chromium (CHROMIUM_PATH) and never downloads one. fonts-noto-core has the
# Arabic faces (Noto Naskh/Sans Arabic) the pack's Arabic section is set in; fonts-dejavu-core the rest.
FROM runtime AS worker
USER root
RUN apt-get update \
  && apt-get install -y --no-install-recommends chromium fonts-noto-core fonts-dejavu-core \
  && rm -rf /var/lib/apt/lists/*
USER node
ENV CHROMIUM_PATH=/usr/bin/chromium
# The worker's deliveries leave little that survives a scavenge: 2 × 16 MB of young generation do.
CMD ["node", "--max-semi-space-size=16", "--heap-growing-percent=50", "dist/src/worker.js"]

# --- api (the default target): the runtime as is; it never starts a browser -------------------------
FROM runtime AS api
