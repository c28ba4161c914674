FROM node:18.20-bullseye-slim

ENV NODE_ENV=production
WORKDIR /srv/shop
RUN npm install -g pm2

COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile && yarn cache clean

COPY . .
RUN chown -R node:node /srv/shop
USER node

EXPOSE 8080
HEALTHCHECK --interval=20s CMD ["node", "healthcheck.js"]
CMD ["pm2-runtime", "ecosystem.config.js"]
