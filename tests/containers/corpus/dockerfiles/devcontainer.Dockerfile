FROM mcr.microsoft.com/devcontainers/python:1-3.12-bookworm
ARG USERNAME=vscode
RUN apt-get update && export DEBIAN_FRONTEND=noninteractive \
    && apt-get install --no-install-recommends postgresql-client \
    && rm -rf /var/lib/apt/lists/*
USER $USERNAME
RUN sudo mkdir -p /commandhistory && sudo chown $USERNAME /commandhistory
COPY .devcontainer/post-create.sh .devcontainer/requirements-tools.txt /tmp/devcontainer
HEALTHCHECK NONE
