FROM a
RUN apt-get update &&
    apt-get install -y curl
