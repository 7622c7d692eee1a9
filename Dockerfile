# The GraphQL service. Node 24 LTS, runs as the unprivileged `node` user.
FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY src ./src
COPY cypher ./cypher
COPY schema ./schema
USER node
EXPOSE 4000
CMD ["node", "src/index.ts"]
