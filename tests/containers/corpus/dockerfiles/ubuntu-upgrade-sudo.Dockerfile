FROM ubuntu:22.04
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update && apt-get upgrade -y && rm -rf /var/lib/apt/lists/*
RUN apt-get update && apt-get install -y --no-install-recommends sudo=1.9.9-1ubuntu2.4 python3=3.10.6-1~22.04 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd -m -s /bin/bash deploy \
 && echo 'deploy ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/deploy
USER deploy
WORKDIR /home/deploy/app
COPY --chown=deploy:deploy . .
RUN sudo chown -R deploy:deploy /home/deploy/app && sudo apt-get -y dist-upgrade
HEALTHCHECK CMD ["python3", "-m", "app.ping"]
CMD ["python3", "-m", "app"]
