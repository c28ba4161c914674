FROM debian:bookworm-slim@sha256:1f3b5d7a9c2e46801f3b5d7a9c2e46801f3b5d7a9c2e46801f3b5d7a9c2e4680 AS fetch
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u6 ca-certificates=20230311 \
 && rm -rf /var/lib/apt/lists/*
RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
RUN grep -v '^#' /etc/hosts | sort -u > /tmp/hosts

FROM debian:bookworm-slim@sha256:1f3b5d7a9c2e46801f3b5d7a9c2e46801f3b5d7a9c2e46801f3b5d7a9c2e4680
COPY --from=fetch /tmp/hosts /tmp/hosts
RUN cat /tmp/hosts | wc -l > /tmp/count
RUN set -o pipefail; cut -d' ' -f1 /tmp/hosts | sort > /tmp/ips
RUN test -f /tmp/count || echo missing
RUN sed -i 's|^#\(.*\)|\1|' /tmp/hosts
RUN ["/bin/sh", "-c", "ls /tmp | head -n1"]
RUN useradd -u 10001 runner
USER runner
HEALTHCHECK NONE
CMD ["cat", "/tmp/count"]
