# syntax=docker/dockerfile:1
# Saved by an editor that writes a UTF-8 byte order mark before the parser directive.
FROM node:20.15-alpine@sha256:8f1a3c5e7b9d02468f1a3c5e7b9d02468f1a3c5e7b9d02468f1a3c5e7b9d0246
WORKDIR /usr/src/app
COPY package.json package-lock.json ./
RUN npm install --production
COPY . .
USER node
EXPOSE 3000
HEALTHCHECK CMD ["node", "scripts/healthcheck.mjs"]
CMD ["node", "src/index.mjs"]
