FROM ubuntu:22.04
RUN apt-get update \
# install the tools
    && apt-get install -y \
        curl \

        git \
    # and clean up
    && rm -rf /var/lib/apt/lists/*
