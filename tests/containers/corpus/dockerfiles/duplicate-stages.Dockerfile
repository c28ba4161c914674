FROM node:20.15-alpine@sha256:8f1a3c5e7b9d02468f1a3c5e7b9d02468f1a3c5e7b9d02468f1a3c5e7b9d0246 AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build:server

FROM node:20.15-alpine@sha256:8f1a3c5e7b9d02468f1a3c5e7b9d02468f1a3c5e7b9d02468f1a3c5e7b9d0246 AS Build
WORKDIR /app
COPY --from=0 /app/dist ./dist
RUN npm run build:client

FROM node:20.15-alpine@sha256:8f1a3c5e7b9d02468f1a3c5e7b9d02468f1a3c5e7b9d02468f1a3c5e7b9d0246
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY --from=build /app/dist ./dist
USER node
HEALTHCHECK CMD ["node", "dist/health.js"]
CMD ["node", "dist/server.js"]
