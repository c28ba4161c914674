FROM node:20.15-bookworm-slim@sha256:7d9f1b3a5c8e20467d9f1b3a5c8e20467d9f1b3a5c8e20467d9f1b3a5c8e2046
ARG NPM_TOKEN
ARG SENTRY_AUTH_TOKEN
ARG DB_PASSWORD=shop-db-2024
ENV NODE_ENV=production \
    DB_USER=shop DB_PASSWORD=$DB_PASSWORD
ENV API_KEY=shop-api-key-2024
ENV JWT_SECRET_FILE=/run/secrets/jwt \
    SESSION_SECRET=${SESSION_SECRET}
LABEL org.opencontainers.image.source="https://github.com/shop-example/api" \
      org.opencontainers.image.title="shop api"
LABEL SMTP_PASSWORD="mail-shop-2024"
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev && rm -f .npmrc
COPY . .
USER node
HEALTHCHECK CMD ["node", "healthcheck.js"]
CMD ["node", "index.js"]
