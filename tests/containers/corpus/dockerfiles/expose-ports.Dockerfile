FROM debian:bookworm-slim@sha256:1f3b5d7a9c2e46801f3b5d7a9c2e46801f3b5d7a9c2e46801f3b5d7a9c2e4680
RUN apt-get update && apt-get install -y --no-install-recommends openssh-server=1:9.2p1-2+deb12u3 \
 && rm -rf /var/lib/apt/lists/* \
 && useradd -m -u 2000 git
EXPOSE 22
EXPOSE 3000-3005/tcp 9100/udp
EXPOSE 70000
EXPOSE 8080/tcp
USER git
HEALTHCHECK CMD ["/usr/bin/ssh-keyscan", "-p", "2222", "127.0.0.1"]
ENTRYPOINT ["/usr/sbin/sshd", "-D", "-e"]
