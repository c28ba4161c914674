#!/usr/bin/env python3
"""The demo's container defects: one edit of the Dockerfile, compose file or Kubernetes
manifests per DKR/CMP/K8S rule, each making exactly that rule fail. Used by scripts/demo
(`plant DIR RULE` commits the edit and moves the release tag; `defects` lists them).

  demo_container_defects.py list            RULE<TAB>description, one per line
  demo_container_defects.py apply DIR RULE  edit the demo copy in DIR

Every edit names the exact text it replaces, and fails loudly when that text is not in the
file exactly once, so a change to the demo's files cannot silently turn a defect into a
no-op.
"""
import os
import sys

DF = "Dockerfile"
DI = ".dockerignore"
CO = "docker-compose.yml"
DEP = "k8s/deployment.yaml"
SVC = "k8s/service.yaml"
AV = "k8s/availability.yaml"
CM = "k8s/configmap.yaml"

RUNTIME_FROM = "FROM ${PYTHON_IMAGE} AS runtime\n"
BUILD_VENV = (
    "RUN python -m venv /opt/venv \\\n"
    " && /opt/venv/bin/pip install --no-cache-dir -r requirements.txt\n"
)
API_ENV = "      REDIS_URL: ${REDIS_URL:?set REDIS_URL}\n"
API_PORTS = '    ports:\n      - "8000:8000"\n'
API_CONTAINER = "        - name: api\n          image: registry.demo.test/demo-todo:1.0.0\n"
LIVENESS = (
    "          livenessProbe:\n"
    "            httpGet: {path: /livez, port: http}\n"
    "            periodSeconds: 10\n"
    "            timeoutSeconds: 2\n"
    "            failureThreshold: 6\n"
)


def after(anchor, text):
    return ("replace", anchor, anchor + text)


# rule -> (description, [(file, (kind, old, new))])
DEFECTS = {
    "DKR001": ("worker.Dockerfile added with an instruction Docker does not know",
               [("worker.Dockerfile", ("write", None,
                                       "FROM python:3.11.9-slim-bookworm\nRUNN echo broken\n"))]),
    "DKR002": ("the base image named by digest alone, without its tag",
               [(DF, ("replace", "python:3.11.9-slim-bookworm@sha256:", "python@sha256:"))]),
    "DKR003": ("the base image pinned by tag only, without its digest",
               [(DF, ("replace",
                      "@sha256:b202aeaf5a47a90f9d521ccafe2c731a13c5c14667c43a45368a9994d2c268a9",
                      ""))]),
    "DKR004": ("USER app removed: the image runs as root", [(DF, ("replace", "USER app\n", ""))]),
    "DKR005": ("HEALTHCHECK removed",
               [(DF, ("cut", "HEALTHCHECK --interval", "CMD [\"uvicorn\""))]),
    "DKR006": ("ENV SMTP_PASSWORD=Mailer-Spring-2024 in the runtime stage",
               [(DF, after("WORKDIR /app\n", "ENV SMTP_PASSWORD=Mailer-Spring-2024\n"))]),
    "DKR007": ("ADD instead of COPY for the app directory",
               [(DF, ("replace", "COPY --chown=app:app app/ ./app/", "ADD --chown=app:app app/ ./app/"))]),
    "DKR008": ("ADD of a remote URL",
               [(DF, after("WORKDIR /app\n", "ADD https://curl.se/ca/cacert.pem /app/cacert.pem\n"))]),
    "DKR009": ("--no-install-recommends dropped in the runtime stage",
               [(DF, ("replace", "-y --no-install-recommends libpq5", "-y libpq5"))]),
    "DKR010": ("apt lists kept in the build stage",
               [(DF, ("replace", "libpq-dev=15.8-0+deb12u1 \\\n && rm -rf /var/lib/apt/lists/*\n",
                      "libpq-dev=15.8-0+deb12u1\n"))]),
    "DKR011": ("apt-get install without -y in the runtime stage",
               [(DF, ("replace", "install -y --no-install-recommends libpq5",
                      "install --no-install-recommends libpq5"))]),
    "DKR012": ("libpq5 installed at no particular version",
               [(DF, ("replace", "libpq5=15.8-0+deb12u1", "libpq5"))]),
    "DKR013": ("sudo in a RUN instruction",
               [(DF, after("WORKDIR /app\n", "RUN sudo mkdir -p /app/data\n"))]),
    "DKR014": ("WORKDIR app (relative)", [(DF, ("replace", "WORKDIR /app\n", "WORKDIR app\n"))]),
    "DKR015": ("EXPOSE 22 besides 8000", [(DF, ("replace", "EXPOSE 8000\n", "EXPOSE 8000 22\n"))]),
    "DKR016": ("CMD in shell form",
               [(DF, ("replace",
                      'CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000", "--proxy-headers"]',
                      "CMD uvicorn app.main:app --host 0.0.0.0 --port 8000 --proxy-headers"))]),
    "DKR017": ("pip install without --no-cache-dir",
               [(DF, ("replace", "pip install --no-cache-dir -r", "pip install -r"))]),
    "DKR018": ("npm install (not npm ci) in the build stage",
               [(DF, after("COPY requirements.txt .\n", "RUN npm install\n"))]),
    "DKR019": (".env* no longer in .dockerignore", [(DI, ("replace", ".env*\n", ""))]),
    "DKR020": ("dev requirements installed in the runtime stage",
               [(DF, after("COPY --from=build /opt/venv /opt/venv\n",
                           "RUN /opt/venv/bin/pip install --no-cache-dir -r requirements-dev.txt\n"))]),
    "DKR021": ("apt-get upgrade in the runtime stage",
               [(DF, ("replace", "RUN apt-get update \\\n && apt-get install -y --no-install-recommends libpq5",
                      "RUN apt-get update \\\n && apt-get upgrade -y \\\n && apt-get install -y --no-install-recommends libpq5"))]),
    "DKR022": ("a pipe in RUN without pipefail",
               [(DF, after(BUILD_VENV, "RUN /opt/venv/bin/pip freeze | grep -i fastapi\n"))]),
    "DKR023": ("two CMD instructions in the runtime stage",
               [(DF, after("EXPOSE 8000\n", 'CMD ["python", "-m", "app.cli"]\n'))]),
    "DKR024": ("COPY --from names the stage itself",
               [(DF, ("replace", "COPY --from=build /opt/venv", "COPY --from=runtime /opt/venv"))]),
    "DKR025": ("two stages named build",
               [(DF, ("replace", RUNTIME_FROM, "FROM ${PYTHON_IMAGE} AS build\nRUN true\n\n" + RUNTIME_FROM))]),
    "DKR026": ("cd inside RUN in the build stage",
               [(DF, ("replace", "RUN python -m venv /opt/venv", "RUN cd /build && python -m venv /opt/venv"))]),
    "DKR027": ("MAINTAINER instruction", [(DF, after(RUNTIME_FROM, "MAINTAINER demo@demo.test\n"))]),
    "DKR028": ("apk add without --no-cache",
               [(DF, after("COPY requirements.txt .\n", "RUN apk add curl=8.5.0-r0\n"))]),
    "DKR029": ("dnf install without cleaning its cache",
               [(DF, after("COPY requirements.txt .\n", "RUN dnf install -y curl-8.2.1\n"))]),
    "DKR030": ("COPY of two files to a destination without a trailing slash",
               [(DF, ("replace", "COPY --chown=app:app alembic.ini ./\n",
                      "COPY --chown=app:app alembic.ini requirements.txt /app\n"))]),
    "CMP001": ("docker-compose.override.yml added with a YAML syntax error",
               [("docker-compose.override.yml",
                 ("write", None, "services:\n  api:\n    environment:\n      LOG_LEVEL: [INFO\n"))]),
    "CMP002": ("restart policy removed from api",
               [(CO, ("replace", "    image: registry.demo.test/demo-todo:1.0.0\n    restart: unless-stopped\n",
                      "    image: registry.demo.test/demo-todo:1.0.0\n"))]),
    "CMP003": ("healthcheck removed from api",
               [(CO, ("cut", "    healthcheck:\n      test: [\"CMD\", \"python\"", "    deploy:\n      resources:\n        limits: {cpus: \"1.00\""))]),
    "CMP004": ("resource limits removed from api",
               [(CO, ("replace", '    deploy:\n      resources:\n        limits: {cpus: "1.00", memory: 512M}\n', ""))]),
    "CMP005": ("redis runs privileged",
               [(CO, ("replace", '    command: ["redis-server"', '    privileged: true\n    command: ["redis-server"'))]),
    "CMP006": ("api on the host network", [(CO, ("replace", API_PORTS, API_PORTS + "    network_mode: host\n"))]),
    "CMP007": ("the Docker socket mounted into api",
               [(CO, ("replace", API_PORTS, API_PORTS + "    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n"))]),
    "CMP008": ("SMTP_PASSWORD: Mailer-Spring-2024 inline in api's environment",
               [(CO, after(API_ENV, "      SMTP_PASSWORD: Mailer-Spring-2024\n"))]),
    "CMP009": ("redis image without tag or digest",
               [(CO, ("replace",
                      "redis:7.0.15-bookworm@sha256:adac21ae93ed929ef924cfa13eefdc8edaa0cbbc08df18f3ead6cb0f5a66eb89",
                      "redis"))]),
    "CMP010": ("api depends on postgres and redis without waiting for them to be healthy",
               [(CO, ("replace", "    depends_on:\n      postgres: {condition: service_healthy}\n      redis: {condition: service_healthy}\n",
                      "    depends_on: [postgres, redis]\n"))]),
    "CMP011": ("cap_add SYS_ADMIN on api", [(CO, ("replace", API_PORTS, API_PORTS + "    cap_add: [SYS_ADMIN]\n"))]),
    "CMP012": ("postgres published on all interfaces",
               [(CO, ("replace", "    volumes:\n      - pgdata:/var/lib/postgresql/data\n",
                      "    ports:\n      - \"5432:5432\"\n    volumes:\n      - pgdata:/var/lib/postgresql/data\n"))]),
    "K8S001": ("k8s/extra.yaml added with a YAML syntax error",
               [("k8s/extra.yaml", ("write", None,
                                    "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\ndata:\n  A: [unclosed\n"))]),
    "K8S002": ("livenessProbe removed from api", [(DEP, ("replace", LIVENESS, ""))]),
    "K8S003": ("readinessProbe removed from api",
               [(DEP, ("replace", "          readinessProbe:\n            httpGet: {path: /readyz, port: http}\n"
                       "            periodSeconds: 5\n            timeoutSeconds: 2\n            failureThreshold: 3\n", ""))]),
    "K8S004": ("resource requests removed from api",
               [(DEP, ("replace", "            requests: {cpu: 250m, memory: 256Mi}\n", ""))]),
    "K8S005": ("resource limits removed from api",
               [(DEP, ("replace", '            limits: {cpu: "1", memory: 512Mi}\n', ""))]),
    "K8S006": ("runAsNonRoot: false", [(DEP, ("replace", "runAsNonRoot: true", "runAsNonRoot: false"))]),
    "K8S007": ("allowPrivilegeEscalation no longer false",
               [(DEP, ("replace", "            allowPrivilegeEscalation: false\n", ""))]),
    "K8S008": ("readOnlyRootFilesystem: false",
               [(DEP, ("replace", "readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false"))]),
    "K8S009": ("capabilities no longer dropped",
               [(DEP, ("replace", "            capabilities: {drop: [ALL]}\n", ""))]),
    "K8S010": ("api container privileged",
               [(DEP, ("replace", "          securityContext: *locked-down\n",
                       "          securityContext: {<<: *locked-down, privileged: true}\n"))]),
    "K8S011": ("a hostPath volume",
               [(DEP, after("          emptyDir: {sizeLimit: 64Mi}\n",
                            "        - name: host-logs\n          hostPath: {path: /var/log}\n"))]),
    "K8S012": ("hostNetwork: true",
               [(DEP, ("replace", "      automountServiceAccountToken: false\n",
                       "      automountServiceAccountToken: false\n      hostNetwork: true\n"))]),
    "K8S013": ("api image :latest (pulled Always)",
               [(DEP, ("replace", API_CONTAINER + "          imagePullPolicy: IfNotPresent\n",
                       "        - name: api\n          image: registry.demo.test/demo-todo:latest\n"
                       "          imagePullPolicy: Always\n"))]),
    "K8S014": ("imagePullPolicy: Never on api",
               [(DEP, ("replace", API_CONTAINER + "          imagePullPolicy: IfNotPresent\n",
                       API_CONTAINER + "          imagePullPolicy: Never\n"))]),
    "K8S015": ("the HPA lets the Deployment scale down to 1 replica",
               [(AV, ("replace", "  minReplicas: 3\n", "  minReplicas: 1\n"))]),
    "K8S016": ("the PodDisruptionBudget removed",
               [(AV, ("cut", "apiVersion: policy/v1", "apiVersion: autoscaling/v2"))]),
    "K8S017": ("the HorizontalPodAutoscaler removed",
               [(AV, ("cut", "---\napiVersion: autoscaling/v2", None))]),
    "K8S018": ("SMTP_PASSWORD: Mailer-Spring-2024 in the ConfigMap",
               [(CM, after("  LOG_LEVEL: INFO\n", "  SMTP_PASSWORD: Mailer-Spring-2024\n"))]),
    "K8S019": ("the Service selects a component no pod has",
               [(SVC, ("replace", "app.kubernetes.io/component: api}", "app.kubernetes.io/component: web}"))]),
    "K8S020": ("migrations run by the api container's command",
               [(DEP, ("replace", API_CONTAINER,
                       API_CONTAINER + '          command: ["sh", "-c", "alembic upgrade head && exec uvicorn app.main:app --host 0.0.0.0 --port 8000"]\n'))]),
    "K8S021": ("the liveness probe is the readiness probe",
               [(DEP, ("replace", LIVENESS,
                       "          livenessProbe:\n            httpGet: {path: /readyz, port: http}\n"
                       "            periodSeconds: 5\n            timeoutSeconds: 2\n            failureThreshold: 3\n"))]),
    "K8S022": ("SMTP_PASSWORD with a literal value in api's env",
               [(DEP, ("replace", "          env:\n", "          env:\n            - {name: SMTP_PASSWORD, value: Mailer-Spring-2024}\n"))]),
    "K8S023": ("seccompProfile removed", [(DEP, ("replace", "        seccompProfile: {type: RuntimeDefault}\n", ""))]),
    "K8S024": ("the service account token mounted",
               [(DEP, ("replace", "automountServiceAccountToken: false", "automountServiceAccountToken: true"))]),
}


def apply_edit(dir_path, name, edit):
    path = os.path.join(dir_path, name)
    kind, old, new = edit
    if kind == "write":
        with open(path, "w", encoding="utf-8") as f:
            f.write(new)
        return
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if kind == "replace":
        if text.count(old) != 1:
            sys.exit(f"demo: {name}: expected exactly one {old!r}, found {text.count(old)}")
        text = text.replace(old, new)
    elif kind == "cut":  # from `old` up to (not including) `new`, or to the end
        start = text.find(old)
        end = len(text) if new is None else text.find(new, start + 1)
        if start < 0 or end < 0:
            sys.exit(f"demo: {name}: cannot find {old!r} .. {new!r}")
        text = text[:start] + text[end:]
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main(argv):
    if len(argv) == 2 and argv[1] == "list":
        for rule, (description, _) in DEFECTS.items():
            print(f"{rule}\t{description}")
        return 0
    if len(argv) == 4 and argv[1] == "apply":
        rule = argv[3].upper()
        if rule not in DEFECTS:
            sys.exit(f"demo: no container defect for {rule}")
        description, edits = DEFECTS[rule]
        for name, edit in edits:
            apply_edit(argv[2], name, edit)
        print(f"planted: {description}")
        return 0
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
