# The GraphQL service. Node 24 LTS, runs as the unprivileged `node` user.
# NODE_IMAGE: node:24-bookworm-slim, or (offline) the stand-in `npm run images:build` builds (docker/node).
ARG NODE_IMAGE=node:24-bookworm-slim
FROM ${NODE_IMAGE}
WORKDIR /app
ENV NODE_ENV=production
# `prebuilt/` exists only in the context scripts/images.ts stages: the production node_modules it installed on the
# host, for engines with no registry. Elsewhere the pattern matches nothing and npm ci installs them.
COPY package.json package-lock.json prebuil[t] ./
RUN [ -d node_modules ] || npm ci --omit=dev --no-audit --no-fund
COPY src ./src
COPY cypher ./cypher
# The seed loaded at start attaches the article's full text (src/services/seed.ts).
COPY data/seed ./data/seed
COPY schema ./schema
USER node
# V8 heap sizing for the service (issue 18, `npm run bench:memory`, README "Memory"): by default V8 sizes the young
# generation from the machine's memory (128 MB of new space on a 24 GB host) and lets old space collect ~200 MB of
# garbage before its first major GC: 478–482 MB RSS under W3 at S. With these two: 219–223 MB, live heap unchanged
# (84 MB). A one-off import or dump of a large graph in this container may need NODE_OPTIONS= (unset) for itself.
ENV NODE_OPTIONS="--max-semi-space-size=8 --max-old-space-size=512"
EXPOSE 4000
# node itself is PID 1 (no npm wrapper), so SIGTERM reaches the graceful-shutdown handler.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]
CMD ["node", "src/start.ts"]
