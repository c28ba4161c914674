FROM debian:bookworm-slim@sha256:1f3b5d7a9c2e46801f3b5d7a9c2e46801f3b5d7a9c2e46801f3b5d7a9c2e4680
ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini
ADD --checksum=sha256:24454f830cdb571e24454f830cdb571e24454f830cdb571e24454f830cdb571e https://github.com/just-containers/s6-overlay/releases/download/v3.1.6.2/s6-overlay-noarch.tar.xz /tmp/
ADD https://github.com/shop-example/assets.git#v1.4.0 /srv/assets
ADD vendor/legacy-tools.tar.gz /opt/
ADD config/app.ini /etc/app/app.ini
RUN chmod +x /tini && useradd -u 10001 app
USER app
HEALTHCHECK CMD ["/opt/legacy-tools/bin/ping"]
ENTRYPOINT ["/tini", "--", "/opt/legacy-tools/bin/serve"]
