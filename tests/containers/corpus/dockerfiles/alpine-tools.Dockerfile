FROM alpine
RUN apk update && apk add curl jq bash
RUN curl -sSL https://github.com/mikefarah/yq/releases/download/v4.44.2/yq_linux_amd64.tar.gz | tar -xz -C /usr/local/bin
COPY scripts/ /opt/scripts/
ENTRYPOINT ["/bin/bash", "/opt/scripts/run.sh"]
