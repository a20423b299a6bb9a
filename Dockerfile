# One image for every vaxledger service; the command picks the app (identity, registry, immunization, audit,
# standalone, cli).
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps ./apps
COPY libs ./libs
COPY reference-data ./reference-data
RUN npm run build && npm run build:console && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/reference-data ./reference-data
COPY package.json ./
USER node
EXPOSE 3000
ENTRYPOINT ["node"]
CMD ["dist/apps/standalone/src/main.js"]
