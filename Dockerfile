# The GitHub App, built once: the first stage compiles, the last installs production
# dependencies only (no compiler; `prepare` skips the build) and runs dist/.
#   docker build -t remediation-app .
#   docker run --env-file .env -e HOST=0.0.0.0 -p 3000:3000 remediation-app
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY checks ./checks
COPY templates ./templates
RUN npm ci --no-audit --no-fund && npm run build

FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json app.yml ./
COPY scripts ./scripts
COPY --from=build /app/dist ./dist
COPY templates ./templates
COPY checks ./checks
RUN npm ci --omit=dev --no-audit --no-fund
USER node
EXPOSE 3000
CMD ["npm", "start"]
