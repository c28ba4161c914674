FROM registry.access.redhat.com/ubi9/ubi:9.4-1181
RUN dnf install -y --setopt=install_weak_deps=False python3.11 python3.11-pip \
 && dnf clean all \
 && rm -rf /var/cache/dnf
RUN useradd --uid 1001 --gid 0 --home-dir /opt/app-root default
WORKDIR /opt/app-root/src
COPY --chown=1001:0 requirements.txt ./
RUN python3.11 -m pip install --no-cache-dir -r requirements.txt
COPY --chown=1001:0 . .
USER 1001
EXPOSE 8080
HEALTHCHECK CMD ["python3.11", "-m", "app.healthcheck"]
CMD ["python3.11", "-m", "gunicorn", "app:create_app()", "--bind", "0.0.0.0:8080"]
