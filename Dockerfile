# The GraphQL service. Node 24 LTS, runs as the unprivileged `node` user.
# NODE_IMAGE: node:24-bookworm-slim, or (offline) the stand-in `npm run images:build` builds (docker/node).
ARG NODE_IMAGE=node:24-bookworm-slim
FROM ${NODE_IMAGE}
WORKDIR /app
ENV NODE_ENV=production
# `prebuilt/` exists only in the context scripts/images.ts stages, for engines with no registry: the production
# node_modules it installed on the host and the production build it made there (dist/, `npm run build`). Elsewhere the
# pattern matches nothing and both are made here: the build with every dependency (esbuild is a devDependency), then
# only the production dependencies are kept.
COPY package.json package-lock.json prebuil[t] ./
COPY scripts/build.ts ./scripts/build.ts
# The build's input; at run time the /explore page's files (src/explore) and the code version in HTTP ETags.
COPY src ./src
RUN if [ ! -f dist/index.js ]; then \
      npm ci --ignore-scripts --no-audit --no-fund --cache /tmp/npm-build && node scripts/build.ts \
      && rm -rf node_modules /tmp/npm-build; \
    fi \
 && if [ ! -d node_modules ]; then npm ci --omit=dev --no-audit --no-fund; fi
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
# The production build (dist/start.js, which serves from dist/index.js or forks WORKERS of it), not src/: no type
# stripping and one bundle to load at start.
CMD ["node", "dist/start.js"]
