FROM node:20

# Create app directory
WORKDIR /usr/src/app

# Install app dependencies
COPY package*.json ./
RUN npm install

# Bundle app source
COPY . .

USER node
EXPOSE 3000
CMD [ "node", "server.js" ]
