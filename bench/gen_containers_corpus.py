#!/usr/bin/env python3
"""Deterministic corpus for the container-linting benchmark (bench/containers.sh).

  gen_containers_corpus.py DIR FILES [--seed N]

Writes FILES files under DIR (default mix for 10,000: 4,000 Dockerfiles, 2,000 compose
files, 4,000 Kubernetes manifests), each 20-200 lines, in the shapes real projects use:
single- and multi-stage Dockerfiles for Python, Node, Go, Java, Rust, Ruby and PHP with
apt/apk/dnf installs, heredocs, cache mounts and ARG-before-FROM; compose files of 1-6
services with anchors, long and short port syntax and list or map environments; and
manifests of 1-6 documents (Deployment, StatefulSet, DaemonSet, CronJob, Job, Service,
ConfigMap, PodDisruptionBudget, HorizontalPodAutoscaler), some of them `kind: List`.
Roughly half of every kind has the defects the DKR/CMP/K8S rules look for, so the rules
do real work. Dockerfiles live in docker/NN/ directories with a .dockerignore in some.

The directory is made a git repository of its own (nothing committed), so that shipcheck
lists its files even though the cache lives in an ignored build/ directory. Prints a JSON
summary on stdout (files and bytes per kind) and writes DIR/dockerfiles.txt,
the Dockerfiles' relative paths one a line, for peers that are given the files by name.
Secret-named values are low-entropy words: nothing here is a format-valid secret.
"""
import argparse
import json
import os
import random
import subprocess

PY_IMAGES = ["python:3.12-slim", "python:3.11-slim-bookworm", "python:3.12-alpine3.20", "python"]
NODE_IMAGES = ["node:20-alpine", "node:20.15-bookworm-slim", "node:18", "node:latest"]
GO_IMAGES = ["golang:1.22-alpine", "golang:1.22.5-bookworm", "golang:1.21"]
RUNTIME_IMAGES = ["gcr.io/distroless/static-debian12:nonroot", "alpine:3.20", "debian:bookworm-slim",
                  "scratch", "ubuntu:22.04", "registry.access.redhat.com/ubi9/ubi-minimal:9.4"]
JAVA_IMAGES = [("maven:3.9-eclipse-temurin-21", "eclipse-temurin:21-jre-alpine"),
               ("gradle:8.8-jdk21", "eclipse-temurin:21-jre")]
RUST_IMAGES = [("rust:1.79-slim-bookworm", "debian:bookworm-slim"), ("rust:1.79-alpine", "alpine:3.20")]
RUBY_IMAGES = ["ruby:3.3-slim", "ruby:3.2-alpine"]
PHP_IMAGES = ["php:8.3-fpm-alpine", "php:8.3-apache"]
APT_PKGS = ["curl", "ca-certificates", "libpq5", "libpq-dev", "build-essential", "git", "gettext",
            "libxml2", "libjpeg62-turbo", "tzdata", "gnupg", "unzip", "libssl3", "netcat-openbsd"]
APK_PKGS = ["curl", "ca-certificates", "tzdata", "git", "bash", "jq", "build-base", "libffi-dev",
            "postgresql-libs", "icu-libs", "openssl"]
PIP_PKGS = ["gunicorn", "uvicorn", "celery", "psycopg2-binary", "requests", "boto3", "redis"]
WORDS = ["orders", "billing", "catalog", "search", "mailer", "cart", "reports", "auth", "geo",
         "ledger", "notifier", "recs", "inventory", "payments", "media", "profile", "events"]


def digest(rng):
    block = "".join(rng.choice("0123456789abcdef") for _ in range(16))
    return "sha256:" + block * 4


class Dockerfiles:
    """One Dockerfile of a random style; `bad` adds defects the rules report."""

    def __init__(self, rng):
        self.r = rng

    def image(self, name, bad):
        if bad and self.r.random() < 0.3:
            return name.split(":")[0]
        if not bad and self.r.random() < 0.5 and name != "scratch":
            return f"{name}@{digest(self.r)}"
        return name

    def apt(self, bad):
        pkgs = self.r.sample(APT_PKGS, self.r.randint(1, 5))
        if bad:
            return [f"RUN apt-get update && apt-get install -y {' '.join(pkgs)}"]
        pinned = " ".join(f"{p}={self.r.randint(1, 9)}.{self.r.randint(0, 20)}-{self.r.randint(1, 5)}" for p in pkgs)
        return ["RUN apt-get update \\",
                f" && apt-get install -y --no-install-recommends {pinned} \\",
                " && rm -rf /var/lib/apt/lists/*"]

    def apk(self, bad):
        pkgs = self.r.sample(APK_PKGS, self.r.randint(1, 4))
        if bad:
            return [f"RUN apk update && apk add {' '.join(pkgs)}"]
        return [f"RUN apk add --no-cache {' '.join(p + '=' + str(self.r.randint(1, 9)) + '.0-r0' for p in pkgs)}"]

    def pad(self):
        """Extra lines: most Dockerfiles are short, a quarter are long."""
        return self.r.randint(0, 20) if self.r.random() < 0.75 else self.r.randint(20, 160)

    def filler(self, n):
        """ENV, LABEL and comment lines to reach a target length."""
        out = []
        for i in range(n):
            k = self.r.random()
            if k < 0.25:
                out.append(f"# step {i}: {' '.join(self.r.sample(WORDS, 4))}")
            elif k < 0.45:
                w = self.r.choice(WORDS)
                out += [f"RUN mkdir -p /var/lib/{w}/{i} \\", f"    && chown -R 10001:0 /var/lib/{w} \\",
                        f"    && chmod -R g=u /var/lib/{w}"]
            elif k < 0.55:
                out.append(f"COPY config/{self.r.choice(WORDS)}-{i}.yaml /etc/app/conf.d/")
            elif k < 0.75:
                out.append(f"ENV {self.r.choice(WORDS).upper()}_{i}_TIMEOUT={self.r.randint(1, 600)}")
            else:
                out.append(f'LABEL org.example.{self.r.choice(WORDS)}{i}="{self.r.choice(WORDS)}"')
        return out

    def tail(self, bad, port, cmd):
        out = []
        if not bad or self.r.random() < 0.5:
            out.append(f"USER {self.r.choice(['10001', 'app', 'nonroot:nonroot', '1000:1000'])}")
        elif self.r.random() < 0.5:
            out.append("USER root")
        out.append(f"EXPOSE {22 if bad and self.r.random() < 0.1 else port}")
        if not bad or self.r.random() < 0.4:
            out.append(f'HEALTHCHECK --interval=30s CMD ["/usr/local/bin/healthcheck", "{port}"]')
        if bad and self.r.random() < 0.5:
            out.append("CMD " + " ".join(cmd))
        else:
            out.append("CMD " + json.dumps(cmd))
        return out

    def python(self, bad):
        base = self.image(self.r.choice(PY_IMAGES), bad)
        lines = []
        if self.r.random() < 0.3:
            lines += ['ARG PYTHON_VERSION=3.12', f"FROM python:${{PYTHON_VERSION}}-slim AS build"]
        else:
            lines += [f"FROM {base} AS build"]
        lines += ["WORKDIR /src", "COPY requirements.txt .",
                  "RUN --mount=type=cache,target=/root/.cache/pip pip wheel -r requirements.txt -w /wheels",
                  "", f"FROM {base}"]
        lines += self.apk(bad) if "alpine" in base else self.apt(bad)
        lines += ["WORKDIR /srv/app", "COPY --from=build /wheels /wheels"]
        nc = "" if bad else " --no-cache-dir"
        lines.append(f"RUN pip install{nc} /wheels/*.whl")
        if bad:
            lines.append(f"RUN pip install {self.r.choice(PIP_PKGS)}")
            lines.append("ENV DB_PASSWORD=shop-db-pass")
        lines += ["COPY . ."]
        lines += self.filler(self.pad())
        return lines + self.tail(bad, 8000, ["gunicorn", "app:app", "-b", "0.0.0.0:8000"])

    def node(self, bad):
        base = self.image(self.r.choice(NODE_IMAGES), bad)
        lines = [f"FROM {base} AS deps", "WORKDIR /app", "COPY package.json package-lock.json ./",
                 "RUN npm ci", "", f"FROM {base} AS build", "WORKDIR /app",
                 "COPY --from=deps /app/node_modules ./node_modules", "COPY . .", "RUN npm run build", "",
                 f"FROM {base}", "WORKDIR /app", "ENV NODE_ENV=production",
                 "COPY package.json package-lock.json ./"]
        lines.append("RUN npm install" if bad else "RUN npm ci --omit=dev")
        lines += ["COPY --from=build /app/dist ./dist"]
        lines += self.filler(self.pad())
        return lines + self.tail(bad, 3000, ["node", "dist/server.js"])

    def go(self, bad):
        base = self.image(self.r.choice(GO_IMAGES), bad)
        runtime = self.image(self.r.choice(RUNTIME_IMAGES), bad)
        lines = ["# syntax=docker/dockerfile:1.7", "ARG GO_VERSION=1.22",
                 f"FROM --platform=$BUILDPLATFORM {base} AS build", "ARG TARGETOS", "ARG TARGETARCH",
                 "WORKDIR /src", "COPY go.mod go.sum ./",
                 "RUN --mount=type=cache,target=/go/pkg/mod go mod download",
                 "COPY . .",
                 "RUN --mount=type=cache,target=/go/pkg/mod \\",
                 "    --mount=type=cache,target=/root/.cache/go-build \\",
                 "    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app ./cmd/app",
                 "", f"FROM {runtime}", "COPY --from=build /out/app /app"]
        if bad and self.r.random() < 0.3:
            lines.append("RUN cd /tmp && wget -qO- https://example.invalid/tool.tgz | tar xz")
        lines += self.filler(self.pad())
        return lines + self.tail(bad, 8080, ["/app"])

    def java(self, bad):
        build, run = self.r.choice(JAVA_IMAGES)
        lines = [f"FROM {self.image(build, bad)} AS build", "WORKDIR /workspace", "COPY . .",
                 "RUN --mount=type=cache,target=/root/.m2 mvn -B -q package -DskipTests", "",
                 f"FROM {self.image(run, bad)}"]
        if bad:
            lines.append("MAINTAINER team@shop.test")
        lines += ["WORKDIR /app", "COPY --from=build /workspace/target/app.jar /app/app.jar"]
        lines += self.filler(self.pad())
        return lines + self.tail(bad, 8080, ["java", "-jar", "/app/app.jar"])

    def rust(self, bad):
        build, run = self.r.choice(RUST_IMAGES)
        lines = [f"FROM {self.image(build, bad)} AS build", "WORKDIR /src", "COPY Cargo.toml Cargo.lock ./",
                 "COPY src ./src",
                 "RUN --mount=type=cache,target=/usr/local/cargo/registry cargo build --release --locked", "",
                 f"FROM {self.image(run, bad)}"]
        lines += self.apk(bad) if "alpine" in run else self.apt(bad)
        lines += ["COPY --from=build /src/target/release/app /usr/local/bin/app"]
        lines += self.filler(self.pad())
        return lines + self.tail(bad, 3000, ["/usr/local/bin/app"])

    def ruby(self, bad):
        base = self.image(self.r.choice(RUBY_IMAGES), bad)
        lines = [f"FROM {base}", "WORKDIR /rails", 'ENV RAILS_ENV="production" BUNDLE_WITHOUT="development:test"']
        lines += self.apk(bad) if "alpine" in base else self.apt(bad)
        lines += ["RUN gem install bundler" + ("" if bad else " -v 2.5.16"),
                  "COPY Gemfile Gemfile.lock ./", "RUN bundle install", "COPY . ."]
        lines += self.filler(self.pad())
        return lines + self.tail(bad, 3000, ["./bin/rails", "server"])

    def php(self, bad):
        base = self.image(self.r.choice(PHP_IMAGES), bad)
        lines = ["FROM composer:2.7 AS vendor", "WORKDIR /app", "COPY composer.json composer.lock ./",
                 "RUN composer install --no-dev --prefer-dist", "", f"FROM {base}"]
        lines += self.apk(bad) if "alpine" in base else self.apt(bad)
        if bad:
            lines.append("ADD https://example.invalid/tools.phar /usr/local/bin/tools")
        lines += ["COPY --from=vendor /app/vendor /var/www/html/vendor", "COPY . /var/www/html"]
        lines += self.filler(self.pad())
        return lines + self.tail(bad, 9000, ["php-fpm"])

    def heredoc(self, bad):
        base = self.image("debian:bookworm-slim", bad)
        lines = ["# syntax=docker/dockerfile:1.7", f"FROM {base}", "RUN <<EOF", "set -eux",
                 "apt-get update", "apt-get install -y --no-install-recommends curl" + ("" if bad else "=7.88.1-10"),
                 "rm -rf /var/lib/apt/lists/*", "EOF", "COPY <<EOF /etc/app.conf"]
        lines += [f"{w} = {self.r.randint(1, 100)}" for w in self.r.sample(WORDS, 6)]
        lines += ["EOF"]
        lines += self.filler(self.pad())
        return lines + self.tail(bad, 8080, ["/usr/local/bin/app"])

    def make(self):
        bad = self.r.random() < 0.5
        kind = self.r.choice([self.python, self.python, self.node, self.node, self.go, self.java,
                              self.rust, self.ruby, self.php, self.heredoc])
        lines = kind(bad)
        while len(lines) < 20:
            lines += self.filler(1)
        return "\n".join(lines[:200]) + "\n"


class Compose:
    SERVICES = [("postgres:16.3", 5432), ("redis:7.2.5", 6379), ("mysql:8.0.38", 3306),
                ("mongo:7.0.12", 27017), ("memcached:1.6", 11211), ("rabbitmq:3.13", 5672),
                ("nginx:1.27", 80), ("grafana/grafana:11.1.0", 3000), ("redis", 6379), ("nginx:latest", 80)]

    def __init__(self, rng):
        self.r = rng

    def service(self, name, bad, anchors):
        image, port = self.r.choice(self.SERVICES)
        out = [f"  {name}:"]
        if anchors:
            out.append("    <<: *defaults")
        if self.r.random() < 0.3:
            out += ["    build:", "      context: ./" + name, f"    image: shop/{name}:1.{self.r.randint(0, 9)}.0"]
        else:
            out.append(f"    image: {image}")
        if not anchors and (not bad or self.r.random() < 0.5):
            out.append(f"    restart: {self.r.choice(['unless-stopped', 'always', 'on-failure:3'])}")
        out.append("    ports:")
        if self.r.random() < 0.5:
            bind = "" if bad else "127.0.0.1:"
            out.append(f'      - "{bind}{port}:{port}"')
        else:
            out += [f"      - target: {port}", f"        published: {port}"]
            if not bad:
                out.append("        host_ip: 127.0.0.1")
        out.append("    environment:")
        if self.r.random() < 0.5:
            for i in range(self.r.randint(1, 8)):
                out.append(f"      {self.r.choice(WORDS).upper()}_SETTING_{i}: {self.r.choice(WORDS)}")
            if bad:
                out.append("      API_PASSWORD: shop-pass")
        else:
            for i in range(self.r.randint(1, 8)):
                out.append(f"      - {self.r.choice(WORDS).upper()}_SETTING_{i}={self.r.choice(WORDS)}")
        if not bad or self.r.random() < 0.5:
            out += ["    healthcheck:", f'      test: ["CMD", "healthcheck", "{port}"]', "      interval: 10s"]
        if bad and self.r.random() < 0.2:
            out += ["    privileged: true"]
        if bad and self.r.random() < 0.2:
            out += ["    volumes:", "      - /var/run/docker.sock:/var/run/docker.sock"]
        if not anchors and (not bad or self.r.random() < 0.5):
            out += ["    deploy:", "      resources:", "        limits:", '          cpus: "0.5"', "          memory: 256M"]
        return out

    def make(self):
        bad = self.r.random() < 0.5
        anchors = self.r.random() < 0.3
        lines = []
        if self.r.random() < 0.4:
            lines.append(f'version: "{self.r.choice(["3.8", "3.9", "2.4"])}"')
        if anchors:
            lines += ["x-defaults: &defaults", "  restart: unless-stopped", "  deploy:", "    resources:",
                      "      limits:", '        cpus: "1"', "        memory: 512M"]
        lines.append("services:")
        names = self.r.sample(WORDS, self.r.randint(1, 6))
        for i, name in enumerate(names):
            lines += self.service(name, bad, anchors)
            if i > 0 and self.r.random() < 0.5:
                lines += ["    depends_on:", f"      {names[0]}:", "        condition: service_healthy"]
        lines += ["volumes:", "  data: {}"]
        while len(lines) < 20:
            lines.append(f"# {' '.join(self.r.sample(WORDS, 5))}")
        return "\n".join(lines[:200]) + "\n"


class Manifests:
    def __init__(self, rng):
        self.r = rng

    def container(self, name, bad, indent):
        p = " " * indent
        tag = "latest" if bad and self.r.random() < 0.2 else f"{self.r.randint(1, 9)}.{self.r.randint(0, 30)}.0"
        out = [f"{p}- name: {name}", f"{p}  image: registry.shop.test/{name}:{tag}"]
        if bad and self.r.random() < 0.3:
            out.append(f"{p}  imagePullPolicy: IfNotPresent")
        out.append(f"{p}  env:")
        for i in range(self.r.randint(1, 10)):
            out += [f"{p}    - name: {self.r.choice(WORDS).upper()}_OPTION_{i}", f'{p}      value: "{self.r.choice(WORDS)}"']
        if bad:
            out += [f"{p}    - name: DB_PASSWORD", f"{p}      value: shop-db-pass"]
        if not bad or self.r.random() < 0.5:
            out += [f"{p}  livenessProbe:", f"{p}    httpGet: {{path: /live, port: 8080}}"]
            out += [f"{p}  readinessProbe:", f"{p}    httpGet: {{path: /ready, port: 8080}}"]
        if not bad or self.r.random() < 0.5:
            out += [f"{p}  resources:", f"{p}    requests: {{cpu: 100m, memory: 128Mi}}",
                    f"{p}    limits: {{cpu: 500m, memory: 256Mi}}"]
        if not bad or self.r.random() < 0.5:
            out += [f"{p}  securityContext:", f"{p}    allowPrivilegeEscalation: false",
                    f"{p}    readOnlyRootFilesystem: true", f"{p}    capabilities:", f"{p}      drop: [ALL]"]
        elif self.r.random() < 0.3:
            out += [f"{p}  securityContext:", f"{p}    privileged: true"]
        return out

    def workload(self, kind, name, bad, indent=0):
        p = " " * indent
        api = "batch/v1" if kind in ("Job", "CronJob") else "apps/v1"
        out = [f"{p}apiVersion: {api}", f"{p}kind: {kind}", f"{p}metadata:", f"{p}  name: {name}",
               f"{p}  namespace: {name}-ns", f"{p}spec:"]
        if kind == "CronJob":
            out += [f'{p}  schedule: "0 * * * *"', f"{p}  jobTemplate:", f"{p}    spec:"]
            p2 = p + "      "
        elif kind == "Job":
            p2 = p + "  "
        else:
            if kind != "DaemonSet":
                out.append(f"{p}  replicas: {1 if bad else self.r.randint(2, 6)}")
            out += [f"{p}  selector:", f"{p}    matchLabels: {{app: {name}}}"]
            p2 = p + "  "
        out += [f"{p2}template:", f"{p2}  metadata:", f"{p2}    labels: {{app: {name}}}", f"{p2}  spec:"]
        spec = p2 + "    "
        if kind in ("Job", "CronJob"):
            out.append(f"{spec}restartPolicy: OnFailure")
        if not bad:
            out += [f"{spec}automountServiceAccountToken: false", f"{spec}securityContext:",
                    f"{spec}  runAsNonRoot: true", f"{spec}  runAsUser: 10001",
                    f"{spec}  seccompProfile: {{type: RuntimeDefault}}"]
        elif self.r.random() < 0.3:
            out += [f"{spec}hostNetwork: true"]
        out.append(f"{spec}containers:")
        for i in range(self.r.randint(1, 2)):
            out += self.container(f"{name}-c{i}", bad, len(spec) + 2)
        return out

    def extras(self, name, bad):
        docs = []
        if self.r.random() < 0.8:
            docs.append(["apiVersion: v1", "kind: Service", "metadata:", f"  name: {name}",
                         f"  namespace: {name}-ns", "spec:", f"  selector: {{app: {name}}}",
                         "  ports:", "    - port: 80", "      targetPort: 8080"])
        if not bad or self.r.random() < 0.3:
            docs.append(["apiVersion: policy/v1", "kind: PodDisruptionBudget", "metadata:",
                         f"  name: {name}", f"  namespace: {name}-ns", "spec:", "  minAvailable: 1",
                         "  selector:", f"    matchLabels: {{app: {name}}}"])
        if not bad or self.r.random() < 0.3:
            docs.append(["apiVersion: autoscaling/v2", "kind: HorizontalPodAutoscaler", "metadata:",
                         f"  name: {name}", f"  namespace: {name}-ns", "spec:", "  scaleTargetRef:",
                         "    apiVersion: apps/v1", "    kind: Deployment", f"    name: {name}",
                         "  minReplicas: 2", "  maxReplicas: 10"])
        if self.r.random() < 0.5:
            cm = ["apiVersion: v1", "kind: ConfigMap", "metadata:", f"  name: {name}-config",
                  f"  namespace: {name}-ns", "data:"]
            for i in range(self.r.randint(2, 20)):
                cm.append(f"  {self.r.choice(WORDS).upper()}_FLAG_{i}: \"{self.r.choice(WORDS)}\"")
            if bad:
                cm.append("  SMTP_PASSWORD: mail-pass")
            docs.append(cm)
        return docs

    def make(self, index):
        bad = self.r.random() < 0.5
        name = f"{self.r.choice(WORDS)}-{index}"
        kind = self.r.choice(["Deployment", "Deployment", "Deployment", "StatefulSet", "DaemonSet",
                              "CronJob", "Job"])
        docs = [self.workload(kind, name, bad)] + self.extras(name, bad)
        if self.r.random() < 0.1:  # kubectl get -o yaml of several objects
            lines = ["apiVersion: v1", "kind: List", "items:"]
            for doc in docs:
                lines += ["- " + doc[0]] + ["  " + line for line in doc[1:]]
        else:
            lines = []
            for doc in docs:
                if self.r.random() < 0.3:
                    lines.append(f"# Source: {name}/templates/{doc[1].split(': ')[1].lower()}.yaml")
                lines += ["---"] + doc
        while len(lines) < 20:
            lines.append(f"# {' '.join(self.r.sample(WORDS, 5))}")
        return "\n".join(lines[:200]) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("files", type=int)
    ap.add_argument("--seed", type=int, default=20241122)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    n_docker = args.files * 2 // 5
    n_compose = args.files // 5
    n_k8s = args.files - n_docker - n_compose
    summary = {"seed": args.seed, "files": 0, "bytes": 0,
               "kinds": {"dockerfile": [0, 0], "compose": [0, 0], "kubernetes": [0, 0]}}
    dockerfiles = []

    def write(rel, text, kind):
        path = os.path.join(args.dir, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
        if kind:
            summary["files"] += 1
            summary["bytes"] += len(text.encode())
            summary["kinds"][kind][0] += 1
            summary["kinds"][kind][1] += len(text.encode())

    gen = Dockerfiles(rng)
    for i in range(n_docker):
        rel = f"docker/{i // 100:02d}/svc-{i:04d}.Dockerfile"
        write(rel, gen.make(), "dockerfile")
        dockerfiles.append(rel)
        if i % 100 == 0 and rng.random() < 0.8:
            write(f"docker/{i // 100:02d}/.dockerignore", ".git\n.env*\nnode_modules\n", None)
    gen = Compose(rng)
    for i in range(n_compose):
        write(f"compose/{i // 100:02d}/docker-compose.c{i:04d}.yml", gen.make(), "compose")
    gen = Manifests(rng)
    for i in range(n_k8s):
        write(f"k8s/{i // 100:02d}/m{i:04d}.yaml", gen.make(i), "kubernetes")
    with open(os.path.join(args.dir, "dockerfiles.txt"), "w") as f:
        f.write("\n".join(dockerfiles) + "\n")
    # Its own git repository (nothing committed): shipcheck lists a git work tree's tracked
    # and untracked-not-ignored files, and the cache directory sits in an ignored build/.
    subprocess.run(["git", "init", "-q", args.dir], check=True)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
