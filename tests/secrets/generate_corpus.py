#!/usr/bin/env python3
"""Generates the labeled secret-scanning corpus: a git repository of realistic project files
with fake-but-format-valid secrets planted in known places, some only in history, and hard
negatives that a scanner must leave alone.

  generate_corpus.py SEED OUTDIR [--labels FILE] [--secrets-out FILE]

Everything is derived from SEED (same seed, same repository, same commit ids). Writes
--labels (default OUTDIR/../labels.json): every planted secret {kind, rule, file, line,
end_line?, history_only} and every negative {kind, file, line}; lines are 1-based and a
multi-line secret spans line..end_line. The secrets themselves never go into the labels:
--secrets-out (optional, one per line) lists them, or distinctive slices of them, so that
a test can grep a scanner's output for leaks. Put both files outside OUTDIR.

No secret in this file is a literal: tokens are built from random parts at run time, so the
repository holding this script never contains a format-valid credential.
"""
import argparse
import base64
import json
import os
import random
import string
import subprocess
import sys
import zlib

ALNUM = string.ascii_letters + string.digits
UPPER_NUM = string.ascii_uppercase + string.digits
LOWER_NUM = string.ascii_lowercase + string.digits
HEX = "0123456789abcdef"
B64 = ALNUM + "+/"
URLSAFE = ALNUM + "-_"
BASE32 = string.ascii_uppercase + "234567"
# GitHub's and npm's checksum alphabet: digits, then upper, then lower case.
BASE62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
# Words a scanner rightly treats as "not a real secret"; random parts must avoid them.
UNLUCKY = ("example", "sample", "dummy", "placeholder", "change", "replace", "redact", "your",
           "insert", "fake", "test", "xxx", "secret", "token", "password")


class Rng:
    """Seeded random parts that never look like placeholders by accident."""

    def __init__(self, seed):
        self.r = random.Random(seed)

    def chars(self, alphabet, n):
        while True:
            s = "".join(self.r.choice(alphabet) for _ in range(n))
            if self.looks_lucky(s):
                continue
            return s

    @staticmethod
    def looks_lucky(s):
        low = s.lower()
        if any(w in low for w in UNLUCKY):
            return True
        for i in range(len(s) - 3):
            a, b, c, d = (ord(x) for x in s[i:i + 4])
            if a == b == c == d or (b == a + 1 and c == b + 1 and d == c + 1):
                return True
        return False

    def digits(self, n):
        return str(self.r.randint(1, 9)) + self.chars(string.digits, n - 1)

    def uuid(self):
        h = self.chars(HEX, 32)
        return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"

    def pick(self, seq):
        return self.r.choice(seq)

    def int(self, lo, hi):
        return self.r.randint(lo, hi)


# ---------------------------------------------------------------- token shapes

def base62(n, width):
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = BASE62[r] + out
    return out.rjust(width, "0")


def crc_token(rng, prefix):
    """ghp_/gho_/ghs_/npm_ token: 30 random characters and their CRC32 in base62."""
    body = rng.chars(ALNUM, 30)
    return prefix + "_" + body + base62(zlib.crc32(body.encode()), 6)


def crc_token_wrong(rng, prefix):
    good = crc_token(rng, prefix)
    last = good[-1]
    return good[:-1] + ("A" if last != "A" else "B")


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt(rng):
    header = {"alg": rng.pick(["HS256", "RS256", "ES256"]), "typ": "JWT"}
    payload = {"sub": rng.uuid(), "role": rng.pick(["service_role", "admin", "worker"]),
               "iat": 1700000000 + rng.int(0, 10 ** 7)}
    payload["exp"] = payload["iat"] + 3600 * 24 * 365
    enc = lambda o: b64url(json.dumps(o, separators=(",", ":")).encode())
    return enc(header) + "." + enc(payload) + "." + rng.chars(URLSAFE, 43)


def pem_body(rng, n_chars, width=64):
    body = rng.chars(B64, n_chars)
    return [body[i:i + width] for i in range(0, len(body), width)]


def aws_example_pair():
    # AWS's documented example credentials, assembled so this file does not carry them whole.
    key_id = "".join(("AKIA", "IOSFODNN7", "EXAM", "PLE"))
    secret = "".join(("wJalrXUtnFEMI", "/K7MDENG/", "bPxRfiCY", "EXAMPLE", "KEY"))
    return key_id, secret


def kinds(rng):
    """name -> (rule, generator) for every single-line secret kind."""
    return {
        "github-pat-classic": ("SEC002", lambda: crc_token(rng, "ghp")),
        "github-oauth-token": ("SEC002", lambda: crc_token(rng, "gho")),
        "github-app-token": ("SEC002", lambda: crc_token(rng, "ghs")),
        "github-pat-fine-grained": ("SEC002", lambda: "github_pat_" + rng.chars(ALNUM, 22) + "_" + rng.chars(ALNUM, 59)),
        "gitlab-pat": ("SEC002", lambda: "glpat-" + rng.chars(ALNUM, 20)),
        "aws-access-key-id": ("SEC001", lambda: "AKIA" + rng.chars(BASE32, 16)),
        "aws-secret-access-key": ("SEC001", lambda: rng.chars(B64, 40)),
        "gcp-api-key": ("SEC001", lambda: "AIza" + rng.chars(URLSAFE, 35)),
        "azure-storage-account-key": ("SEC001", lambda: rng.chars(B64, 86) + "=="),
        "azure-sas-signature": ("SEC001", lambda: rng.chars(ALNUM, 42) + "%3D"),
        "digitalocean-pat": ("SEC001", lambda: "dop_v1_" + rng.chars(HEX, 64)),
        "slack-bot-token": ("SEC003", lambda: f"xoxb-{rng.digits(12)}-{rng.digits(13)}-{rng.chars(ALNUM, 24)}"),
        "slack-webhook": ("SEC003", lambda: f"hooks.slack.com/services/T{rng.chars(UPPER_NUM, 10)}/B{rng.chars(UPPER_NUM, 10)}/{rng.chars(ALNUM, 24)}"),
        "discord-webhook": ("SEC003", lambda: rng.chars(URLSAFE, 68)),
        "telegram-bot-token": ("SEC003", lambda: f"{rng.digits(10)}:AA{rng.chars(URLSAFE, 33)}"),
        "stripe-secret-key": ("SEC004", lambda: "sk_live_" + rng.chars(ALNUM, 24 + rng.int(0, 75))),
        "stripe-restricted-key": ("SEC004", lambda: "rk_live_" + rng.chars(ALNUM, 24 + rng.int(0, 75))),
        "braintree-access-token": ("SEC004", lambda: f"access_token$production${rng.chars(LOWER_NUM, 16)}${rng.chars(HEX, 32)}"),
        "openai-project-key": ("SEC005", lambda: "sk-proj-" + rng.chars(URLSAFE, 74) + "T3Blbk" + "FJ" + rng.chars(URLSAFE, 74)),
        "anthropic-api-key": ("SEC005", lambda: "sk-ant-api03-" + rng.chars(URLSAFE, 93) + "AA"),
        "huggingface-token": ("SEC005", lambda: "hf_" + rng.chars(ALNUM, 34)),
        "groq-api-key": ("SEC005", lambda: "gsk_" + rng.chars(ALNUM, 52)),
        "replicate-api-token": ("SEC005", lambda: "r8_" + rng.chars(ALNUM, 37)),
        "cohere-api-key": ("SEC005", lambda: rng.chars(ALNUM, 40)),
        "maritaca-api-key": ("SEC005", lambda: rng.chars(ALNUM, 21) + "." + rng.chars(ALNUM, 24)),
        "sendgrid-api-key": ("SEC006", lambda: "SG." + rng.chars(URLSAFE, 22) + "." + rng.chars(URLSAFE, 43)),
        "mailgun-api-key": ("SEC006", lambda: "key-" + rng.chars(HEX, 32)),
        "twilio-auth-token": ("SEC006", lambda: rng.chars(HEX, 32)),
        "mailchimp-api-key": ("SEC006", lambda: rng.chars(HEX, 32) + "-us" + str(rng.int(1, 21))),
        "npm-access-token": ("SEC007", lambda: crc_token(rng, "npm")),
        "pypi-token": ("SEC007", lambda: "pypi-" + "AgEIcHlwaS5vcmc" + rng.chars(URLSAFE, 140)),
        "rubygems-api-key": ("SEC007", lambda: "rubygems_" + rng.chars(HEX, 48)),
        "nuget-api-key": ("SEC007", lambda: "oy2" + rng.chars(LOWER_NUM, 43)),
        "datadog-api-key": ("SEC008", lambda: rng.chars(HEX, 32)),
        "newrelic-user-key": ("SEC008", lambda: "NRAK-" + rng.chars(UPPER_NUM, 27)),
        "sentry-dsn": ("SEC008", lambda: rng.chars(HEX, 32)),
        "grafana-service-account-token": ("SEC008", lambda: "glsa_" + rng.chars(ALNUM, 32) + "_" + rng.chars(HEX, 8)),
        "vault-service-token": ("SEC009", lambda: "hvs." + rng.chars(URLSAFE, 95)),
        "terraform-cloud-token": ("SEC009", lambda: rng.chars(ALNUM, 14) + ".atlas" + "v1." + rng.chars(ALNUM, 67)),
        "pulumi-access-token": ("SEC009", lambda: "pul-" + rng.chars(HEX, 40)),
        "doppler-token": ("SEC009", lambda: "dp.pt." + rng.chars(ALNUM, 43)),
        "consul-acl-token": ("SEC009", lambda: rng.uuid()),
        "heroku-api-key": ("SEC014", lambda: rng.uuid()),
        "shopify-access-token": ("SEC014", lambda: "shpat_" + rng.chars(HEX, 32)),
        "linear-api-key": ("SEC014", lambda: "lin_api_" + rng.chars(ALNUM, 40)),
        "notion-integration-token": ("SEC014", lambda: "ntn_" + rng.digits(11) + rng.chars(ALNUM, 35)),
        "jwt": ("SEC011", lambda: jwt(rng)),
        "db-password": ("SEC012", lambda: rng.chars(ALNUM, 20)),
        "generic-secret": ("SEC013", lambda: rng.chars(URLSAFE, 40)),
        "k8s-secret-value": ("SEC015", lambda: rng.chars(ALNUM + "!@%^*-_", 24)),
    }


# ---------------------------------------------------------------- files and labels

class File:
    def __init__(self, corpus, path):
        self.corpus, self.path, self.lines = corpus, path, []

    def add(self, *lines):
        for text in lines:
            self.lines.extend(text.split("\n"))
        return self

    def plant(self, text, kind, rule, secret, history_only=False):
        line = len(self.lines) + 1
        self.lines.append(text)
        self.corpus.label(kind, rule, self.path, line, history_only, secret)
        return self

    def plant_block(self, block, kind, rule, leak_lines, history_only=False):
        first = len(self.lines) + 1
        self.lines.extend(block)
        self.corpus.label(kind, rule, self.path, first, history_only, None, end=first + len(block) - 1)
        self.corpus.leaks.extend(leak_lines)
        return self

    def neg(self, text, kind):
        self.corpus.negatives.append({"kind": kind, "file": self.path, "line": len(self.lines) + 1})
        self.lines.append(text)
        return self

    def text(self):
        return "\n".join(self.lines) + "\n"


class Corpus:
    def __init__(self, seed):
        self.rng = Rng(seed)
        self.k = kinds(self.rng)
        self.planted, self.negatives, self.leaks = [], [], []
        self.files = {}

    def file(self, path):
        if path not in self.files:
            self.files[path] = File(self, path)
        return self.files[path]

    def new(self, kind):
        return self.k[kind][1]()

    def rule(self, kind):
        return self.k[kind][0]

    def label(self, kind, rule, path, line, history_only, secret, end=None):
        entry = {"kind": kind, "rule": rule, "file": path, "line": line, "history_only": history_only}
        if end is not None and end != line:
            entry["end_line"] = end
        self.planted.append(entry)
        if secret is not None:
            self.leaks.append(secret)


# ---------------------------------------------------------------- the working tree

def py_settings(c):
    f = c.file("app/settings.py")
    f.add('"""Application settings, read once at start-up."""', "import os", "",
          "from pydantic_settings import BaseSettings", "")
    f.neg('DATABASE_PASSWORD = os.environ["DATABASE_PASSWORD"]', "env-lookup")
    f.neg('REDIS_PASSWORD = os.getenv("REDIS_PASSWORD")', "env-lookup")
    f.neg('JWT_SECRET = os.environ.get("JWT_SECRET", "")', "env-lookup")
    s = c.new("generic-secret")
    f.plant(f'SECRET_KEY = "{s}"', "generic-python", "SEC013", s)
    s = c.new("stripe-secret-key")
    f.plant(f'STRIPE_API_KEY = "{s}"', "stripe-secret-key", "SEC004", s)
    s = c.new("sentry-dsn")
    f.plant(f'SENTRY_DSN = "https://{s}@o{c.rng.digits(6)}.ingest.sentry.io/{c.rng.digits(7)}"', "sentry-dsn", "SEC008", s)
    f.add("", "", "class Settings(BaseSettings):", '    app_name: str = "payments-api"',
          "    debug: bool = False")
    s = c.new("generic-secret")
    f.plant(f'    session_secret: str = "{s}"', "generic-python", "SEC013", s)
    f.neg('    api_key_header: str = "X-API-Key"', "short-value")
    f.neg('    token_type: str = "Bearer"', "short-value")
    f.neg('    password_hash_scheme: str = "argon2"', "short-value")
    f.add("", "    class Config:", '        env_file = ".env"', "", "", "settings = Settings()")


def py_integrations(c):
    f = c.file("app/integrations/llm.py")
    f.add('"""Clients for the language-model providers."""', "import os", "", "import anthropic",
          "import openai", "")
    s = c.new("openai-project-key")
    f.plant(f'openai.api_key = "{s}"', "openai-project-key", "SEC005", s)
    s = c.new("anthropic-api-key")
    f.plant(f'claude = anthropic.Anthropic(api_key="{s}")', "anthropic-api-key", "SEC005", s)
    f.neg('fallback = anthropic.Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])', "env-lookup")
    f.neg('OPENAI_API_KEY = "sk-..."  # set in the environment', "placeholder")
    s = c.new("huggingface-token")
    f.plant(f'HF_TOKEN = "{s}"', "huggingface-token", "SEC005", s)
    s = c.new("groq-api-key")
    f.plant(f'groq_client = Groq(api_key="{s}")', "groq-api-key", "SEC005", s)
    f.add("", "", "def complete(prompt: str) -> str:",
          '    return openai.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": prompt}])')

    f = c.file("app/integrations/notify.py")
    f.add('"""Deployment notifications."""', "import requests", "")
    s = c.new("slack-bot-token")
    f.plant(f'SLACK_BOT = "{s}"', "slack-bot-token", "SEC003", s)
    s = c.new("slack-webhook")
    f.plant(f'DEPLOY_HOOK = "https://{s}"', "slack-webhook", "SEC003", s)
    s = c.new("telegram-bot-token")
    f.plant(f'TELEGRAM_URL = "https://api.telegram.org/bot{s}/sendMessage"', "telegram-bot-token", "SEC003", s)
    s = c.new("discord-webhook")
    f.plant(f'DISCORD = "https://discord.com/api/webhooks/{c.rng.digits(18)}/{s}"', "discord-webhook", "SEC003", s)
    f.neg('SLACK_WEBHOOK = os.getenv("SLACK_WEBHOOK_URL")', "env-lookup")
    f.add("", "", "def notify(text: str) -> None:", '    requests.post(DEPLOY_HOOK, json={"text": text}, timeout=5)')

    f = c.file("app/db.py")
    f.add('"""Database engine."""', "from sqlalchemy.ext.asyncio import create_async_engine", "")
    pw = c.new("db-password")
    f.plant(f'PRIMARY = "postgresql+asyncpg://payments:{pw}@db-primary.internal:5432/payments"', "url-postgres", "SEC012", pw)
    f.neg('LOCAL = "postgresql://localhost:5432/payments_dev"', "url-without-password")
    f.neg('TEST_URL = "postgres://postgres:postgres@localhost:5432/test"', "url-default-password")
    f.neg('URL_TEMPLATE = "postgresql://{user}:{password}@{host}/{db}"', "url-template")
    pw = c.new("db-password")
    f.plant(f'REPLICA = "mysql://report:{pw}@mysql-replica.internal:3306/reports"', "url-mysql", "SEC012", pw)
    f.add("", "engine = create_async_engine(PRIMARY, pool_size=10)")


def py_tests(c):
    f = c.file("tests/test_auth.py")
    f.add('"""Auth tests: throwaway credentials only."""', "import pytest", "")
    f.neg('PASSWORD = "test"', "short-password")
    f.neg('ADMIN_PASSWORD = "hunter2"', "short-password")
    f.neg('API_KEY = "aaaaaaaaaaaaaaaaaaaaaaaa"', "low-entropy")
    f.neg('TOKEN = "testtesttesttesttest"', "low-entropy")
    f.neg('SECRET = "abcabcabcabcabcabcabc"', "low-entropy")
    f.neg(f'REQUEST_ID = "{c.rng.uuid()}"', "uuid")
    f.neg(f'fake_token = "eyJ{c.rng.chars(ALNUM, 30)}.eyJ{c.rng.chars(ALNUM, 40)}.{c.rng.chars(URLSAFE, 43)}"', "jwt-shaped-not-json")
    f.neg(f'bad_checksum = "{crc_token_wrong(c.rng, "ghp")}"', "github-wrong-checksum")
    f.add("", "", "def test_login_rejects_wrong_password(client):",
          '    response = client.post("/login", json={"user": "alice", "password": "wrong"})',
          "    assert response.status_code == 401")
    f.neg('    client.headers["Authorization"] = "Bearer <token>"', "placeholder")

    f = c.file("app/auth/fixtures.py")
    f.add('"""Service tokens for the internal callers."""', "")
    for who in ("billing", "reports", "webhooks"):
        s = c.new("jwt")
        f.plant(f'{who.upper()}_SERVICE_JWT = "{s}"', "jwt", "SEC011", s)
    f.neg(f'PUBLIC_KEY_ID = "{c.rng.uuid()}"', "uuid")

    f = c.file("tools/release.py")
    f.add('"""Publishes a release to GitHub."""', "import os", "import requests", "")
    s = c.new("github-pat-classic")
    f.plant(f'GH = "{s}"', "github-pat-classic", "SEC002", s)
    s = c.new("github-pat-fine-grained")
    f.plant(f'GH_RELEASE = "{s}"', "github-pat-fine-grained", "SEC002", s)
    f.neg(f'OLD_TOKEN = "{crc_token_wrong(c.rng, "ghp")}"  # revoked, checksum mangled', "github-wrong-checksum")
    f.neg(f'ANOTHER = "{crc_token_wrong(c.rng, "gho")}"', "github-wrong-checksum")
    f.neg('TOKEN = os.environ["GITHUB_TOKEN"]', "env-lookup")
    f.neg(f'RELEASE_COMMIT = "{c.rng.chars(HEX, 40)}"', "commit-sha")


def js_ts(c):
    f = c.file("web/src/config.ts")
    f.add("// Front-end and edge configuration.", "")
    f.neg("export const apiKey: string = process.env.NEXT_PUBLIC_API_KEY ?? '';", "env-lookup")
    f.neg(f"export const stripePublishable = 'pk_live_{c.rng.chars(ALNUM, 24)}';", "publishable-key")
    s = c.new("generic-secret")
    f.plant(f'export const SESSION_SECRET: string = "{s}";', "generic-ts", "SEC013", s)
    s = c.new("stripe-restricted-key")
    f.plant(f"export const stripeReporting = '{s}';", "stripe-restricted-key", "SEC004", s)
    f.neg("export const authSecret = process.env.AUTH_SECRET!;", "env-lookup")
    f.neg("export const clientSecret = '${CLIENT_SECRET}';", "placeholder")
    f.neg("export const apiToken = '<your-token>';", "placeholder")

    f = c.file("web/src/api/client.js")
    f.add("// HTTP client for the partner API.", "import axios from 'axios';", "")
    s = c.new("generic-secret")
    f.plant(f"const partner = {{ clientId: 'web-portal', clientSecret: '{s}' }};", "generic-js", "SEC013", s)
    s = c.new("gcp-api-key")
    f.plant(f"const firebaseConfig = {{ apiKey: '{s}', projectId: 'payments-web' }};", "gcp-api-key", "SEC001", s)
    f.neg("const token = process.env.PARTNER_TOKEN;", "env-lookup")
    f.neg("const apiKey = 'YOUR_API_KEY_HERE';", "placeholder")
    f.neg("const password = 'xxxxxxxxxxxxxxxxxxxx';", "placeholder")
    f.neg("const secretKey = '********************';", "placeholder")
    f.add("", "export const api = axios.create({ baseURL: '/api', timeout: 5000 });")

    f = c.file("web/src/assets/logo.css")
    f.add(".logo {")
    f.neg(f"  background-image: url(data:image/png;base64,iVBORw0KGgo{c.rng.chars(B64, 300)}=);", "base64-image")
    f.add("}", ".icon {")
    f.neg(f"  background: url('data:image/svg+xml;base64,PHN2ZyB4bWxucz0{c.rng.chars(B64, 200)}');", "base64-image")
    f.add("}")

    f = c.file("web/package.json")
    f.add("{", '  "name": "payments-web",', '  "version": "2.3.1",', '  "private": true,',
          '  "scripts": {"build": "next build", "start": "next start"},',
          '  "dependencies": {"next": "14.2.3", "axios": "1.7.2"}', "}")

    f = c.file("web/package-lock.json")
    f.add("{", '  "name": "payments-web",', '  "lockfileVersion": 3,', '  "packages": {')
    for name in ("axios", "next", "react"):
        f.add(f'    "node_modules/{name}": {{', f'      "version": "1.{c.rng.int(0, 9)}.{c.rng.int(0, 9)}",')
        f.neg(f'      "integrity": "sha512-{c.rng.chars(B64, 86)}==",', "lockfile-integrity")
        f.add("    },")
    f.add('    "": {}', "  }", "}")


def go_java(c):
    f = c.file("services/worker/main.go")
    f.add("// Command worker drains the payout queue.", "package main", "", "import (", '\t"os"', ")", "")
    s = c.new("generic-secret")
    f.plant(f'const signingKey = "{s}"', "generic-go", "SEC013", s)
    f.neg('var dbPassword = os.Getenv("DB_PASSWORD")', "env-lookup")
    f.add("", "func main() {")
    s = c.new("generic-secret")
    f.plant(f'\tapiToken := "{s}"', "generic-go", "SEC013", s)
    s = c.new("gitlab-pat")
    f.plant(f'\tgitlab := "{s}"', "gitlab-pat", "SEC002", s)
    f.neg('\ttoken := os.Getenv("API_TOKEN")', "env-lookup")
    f.neg(f'\trunID := "{c.rng.uuid()}"', "uuid")
    f.add("\t_ = run(apiToken, gitlab, token, runID)", "}")

    f = c.file("services/billing/src/main/resources/application.properties")
    f.add("# Spring settings", "spring.datasource.url=jdbc:postgresql://db.internal:5432/billing",
          "spring.datasource.username=billing")
    s = c.new("generic-secret")
    f.plant(f"spring.datasource.password={s}", "generic-properties", "SEC013", s)
    s = c.new("generic-secret")
    f.plant(f"billing.gateway.api-key={s}", "generic-properties", "SEC013", s)
    f.neg("spring.security.oauth2.client.registration.acme.client-secret=${OAUTH_CLIENT_SECRET}", "placeholder")

    f = c.file("services/billing/src/main/java/com/acme/billing/BillingConfig.java")
    f.add("package com.acme.billing;", "", "/** Billing gateway settings. */", "public final class BillingConfig {")
    s = c.new("generic-secret")
    f.plant(f'    private static final String API_SECRET = "{s}";', "generic-java", "SEC013", s)
    s = c.new("braintree-access-token")
    f.plant(f'    private static final String GATEWAY = "{s}";', "braintree-access-token", "SEC004", s)
    f.neg('    private static final String DB_PASSWORD = System.getenv("DB_PASSWORD");', "env-lookup")
    f.neg('    private static final String PASSWORD_FIELD = "password";', "short-value")
    f.add("    private BillingConfig() {}", "}")


def configs(c):
    f = c.file("config/app.yaml")
    f.add("# Service configuration (non-secret values are fine here).", "service: payments-api", "http:",
          "  port: 8080", "  cors_origins: [https://app.acme.io]", "mail:")
    s = c.new("sendgrid-api-key")
    f.plant(f"  sendgrid_key: {s}", "sendgrid-api-key", "SEC006", s)
    s = c.new("mailgun-api-key")
    f.plant(f"  mailgun: {s}", "mailgun-api-key", "SEC006", s)
    f.neg("  smtp_password: ${SMTP_PASSWORD}", "placeholder")
    f.add("oauth:", "  client_id: payments-portal")
    s = c.new("generic-secret")
    f.plant(f"  client_secret: {s}", "generic-yaml", "SEC013", s)
    f.neg("  token_url: https://auth.acme.io/oauth/token", "url-value")
    f.neg("  secret_name: payments-api-credentials", "identifier")
    f.neg("  private_key_path: /etc/payments/keys/jwt.pem", "file-path")
    f.neg(f"  signing_key_id: {c.rng.uuid()}", "uuid")
    f.neg('  api_key: "{{ .Values.apiKey }}"', "placeholder")
    f.neg("  password: changeme", "placeholder")

    f = c.file("config/settings.json")
    f.add("{", '  "service": "payments-api",', '  "monitoring": {')
    s = c.new("datadog-api-key")
    f.plant(f'    "datadog_api_key": "{s}",', "datadog-api-key", "SEC008", s)
    s = c.new("newrelic-user-key")
    f.plant(f'    "newrelic": "{s}",', "newrelic-user-key", "SEC008", s)
    f.add('    "enabled": true', "  },", '  "auth": {')
    s = c.new("generic-secret")
    f.plant(f'    "jwtSecret": "{s}",', "generic-json", "SEC013", s)
    f.neg('    "apiKey": "<insert-api-key>",', "placeholder")
    f.neg(f'    "commit": "{c.rng.chars(HEX, 40)}",', "commit-sha")
    f.neg(f'    "requestId": "{c.rng.uuid()}"', "uuid")
    f.add("  }", "}")

    f = c.file("config/worker.toml")
    f.add("# Worker settings.", "[queue]", 'name = "payouts"', "concurrency = 8", "", "[twilio]",
          f'account_sid = "AC{c.rng.chars(HEX, 32)}"')
    s = c.new("twilio-auth-token")
    f.plant(f'twilio_auth_token = "{s}"', "twilio-auth-token", "SEC006", s)
    f.add("", "[database]")
    s = c.new("generic-secret")
    f.plant(f'password = "{s}"', "generic-toml", "SEC013", s)
    f.neg('password_file = "/run/secrets/db_password"', "file-path")
    f.neg('api_key = "REPLACE_ME"', "placeholder")

    f = c.file("config/encoded.yaml")
    f.add("# Opaque blobs handed to the bootstrap job.", "bootstrap:")
    s = c.new("stripe-secret-key")
    f.plant(f"  payload: {base64.b64encode(s.encode()).decode()}", "base64-stripe", "SEC004", s)
    s = c.new("slack-webhook")
    f.plant(f"  notify_blob: {base64.b64encode(('https://' + s).encode()).decode()}", "base64-slack-webhook", "SEC003", s)
    s = c.new("aws-access-key-id")
    f.plant(f"  cloud: {base64.b64encode(('aws_access_key_id=' + s).encode()).decode()}", "base64-aws-key-id", "SEC001", s)
    s = c.new("sendgrid-api-key")
    f.plant(f"  mailer_hex: {s.encode().hex()}", "hex-sendgrid", "SEC006", s)
    s = c.new("github-pat-classic")
    f.plant(f"  ci_hex: {s.encode().hex()}", "hex-github-pat", "SEC002", s)
    s = c.new("stripe-restricted-key")
    f.plant(f"  reporting_hex: {s.encode().hex()}", "hex-stripe-restricted", "SEC004", s)
    pw = c.new("db-password")
    f.plant(f"  redirect: https://app.acme.io/connect?dsn=postgres%3A%2F%2Fetl%3A{pw}%40warehouse.internal%3A5432%2Fdw",
            "percent-postgres-url", "SEC012", pw)
    pw = c.new("db-password")
    f.plant(f"  cache_link: https://app.acme.io/admin?target=redis%3A%2F%2Fdefault%3A{pw}%40cache.internal%3A6379%2F0",
            "percent-redis-url", "SEC012", pw)
    f.neg(f"  logo: iVBORw0KGgoAAAANSUhEUgAA{c.rng.chars(B64, 120)}", "base64-image")
    f.neg(f"  checksum: {c.rng.chars(HEX, 64)}", "sha256-digest")


def env_files(c):
    f = c.file(".env.production")
    f.add("# Production environment (this file should not be in git)", "ENVIRONMENT=production", "DEBUG=false",
          "LOG_LEVEL=INFO")
    key_kinds = [("AWS_ACCESS_KEY_ID", "aws-access-key-id"), ("AWS_SECRET_ACCESS_KEY", "aws-secret-access-key"),
                 ("COHERE_API_KEY", "cohere-api-key"), ("MARITACA_API_KEY", "maritaca-api-key"),
                 ("REPLICATE_API_TOKEN", "replicate-api-token"), ("DD_API_KEY", "datadog-api-key"),
                 ("CONSUL_HTTP_TOKEN", "consul-acl-token"), ("HEROKU_API_KEY", "heroku-api-key"),
                 ("VAULT_TOKEN", "vault-service-token"), ("SHOPIFY_TOKEN", "shopify-access-token"),
                 ("LINEAR_API_KEY", "linear-api-key"), ("NOTION_TOKEN", "notion-integration-token"),
                 ("DOPPLER_TOKEN", "doppler-token"), ("MAILCHIMP_KEY", "mailchimp-api-key"),
                 ("DIGITALOCEAN_TOKEN", "digitalocean-pat"), ("GROQ_API_KEY", "groq-api-key"),
                 ("SENDGRID_API_KEY", "sendgrid-api-key"), ("TELEGRAM_BOT_TOKEN", "telegram-bot-token"),
                 ("GITLAB_TOKEN", "gitlab-pat")]
    for name, kind in key_kinds:
        s = c.new(kind)
        f.plant(f"{name}={s}", kind, c.rule(kind), s)
    s = c.new("generic-secret")
    f.plant(f"JWT_SECRET_KEY={s}", "generic-dotenv", "SEC013", s)
    s = c.new("generic-secret")
    f.plant(f'BETTER_AUTH_SECRET="{s}"', "generic-dotenv", "SEC013", s)
    pw = c.new("db-password")
    f.plant(f"DATABASE_URL=postgresql://neon_owner:{pw}@ep-cool-river-123456.eu-central-1.aws.neon.tech/app?sslmode=require",
            "url-postgres", "SEC012", pw)
    pw = c.new("db-password")
    f.plant(f"REDIS_URL=rediss://default:{pw}@redis-prod.internal:6380/0", "url-redis", "SEC012", pw)
    pw = c.new("db-password")
    f.plant(f"MONGO_URL=mongodb+srv://app:{pw}@cluster0.ab1cd.mongodb.net/app?retryWrites=true", "url-mongodb", "SEC012", pw)
    pw = c.new("db-password")
    f.plant(f"BROKER_URL=amqps://worker:{pw}@rabbit.internal:5671/payments", "url-amqp", "SEC012", pw)
    f.neg("ALLOWED_HOSTS=api.acme.io", "non-secret")
    f.neg("SMOKE_TOKEN=${SMOKE_TOKEN}", "placeholder")

    f = c.file(".env.example")
    f.add("# Copy to .env and fill in.")
    example_id, example_secret = aws_example_pair()
    f.neg(f"AWS_ACCESS_KEY_ID={example_id}", "aws-example-key")
    f.neg(f"AWS_SECRET_ACCESS_KEY={example_secret}", "aws-example-key")
    f.neg("SECRET_KEY=<generate-with-scripts/generate_secrets.py>", "placeholder")
    f.neg("JWT_SECRET_KEY=<generate-with-scripts/generate_secrets.py>", "placeholder")
    f.neg("MARITACA_API_KEY=<maritaca-api-key>", "placeholder")
    f.neg("ANTHROPIC_API_KEY=<anthropic-key>", "placeholder")
    f.neg("OPENAI_API_KEY=sk-...", "placeholder")
    f.neg("REDIS_URL=redis://default:password@host:port", "url-placeholder-password")
    f.neg("DATABASE_URL=postgresql://neon_user:password@db.neon.tech/production_db?sslmode=require", "url-placeholder-password")
    f.neg("API_KEY=YOUR_API_KEY_HERE", "placeholder")
    f.neg("STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx", "placeholder")
    f.neg("GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "placeholder")
    f.neg("SESSION_SECRET=changeme", "placeholder")
    f.neg("DB_PASSWORD=${DB_PASSWORD}", "placeholder")


def shell_iac(c):
    f = c.file("scripts/deploy.sh")
    f.add("#!/usr/bin/env bash", "# Deploys the current build to production.", "set -euo pipefail", "")
    s = c.new("generic-secret")
    f.plant(f'export DEPLOY_TOKEN="{s}"', "generic-shell", "SEC013", s)
    s = c.new("npm-access-token")
    f.plant(f"export NPM_TOKEN={s}", "npm-access-token", "SEC007", s)
    f.neg('export DB_PASSWORD="$DB_PASSWORD"', "env-lookup")
    f.neg('API_TOKEN="${API_TOKEN:?set API_TOKEN}"', "env-lookup")
    f.neg('export SECRET_KEY=$(openssl rand -hex 32)', "command-substitution")
    f.add('kubectl rollout restart deployment/payments-api', 'echo "deployed $(git rev-parse --short HEAD)"')

    f = c.file("infra/main.tf")
    f.add('terraform {', '  required_version = ">= 1.6"', "}", "", 'provider "aws" {', '  region     = "eu-central-1"')
    s = c.new("aws-access-key-id")
    f.plant(f'  access_key = "{s}"', "aws-access-key-id", "SEC001", s)
    s = c.new("aws-secret-access-key")
    f.plant(f'  secret_key = "{s}"', "generic-terraform", "SEC013", s)
    f.add("}", "", 'resource "aws_db_instance" "main" {', '  engine   = "postgres"', '  username = "payments"')
    s = c.new("generic-secret")
    f.plant(f'  password = "{s}"', "generic-terraform", "SEC013", s)
    f.add("}", "", 'resource "aws_db_instance" "replica" {')
    f.neg("  password = var.db_password", "variable-reference")
    f.neg(f'  kms_key_id = "arn:aws:kms:eu-central-1:{c.rng.digits(12)}:key/{c.rng.uuid()}"', "arn")
    f.add("}")

    f = c.file("infra/terraform.tfvars")
    s = c.new("terraform-cloud-token")
    f.plant(f'tfc_token = "{s}"', "terraform-cloud-token", "SEC009", s)
    s = c.new("pulumi-access-token")
    f.plant(f'pulumi_token = "{s}"', "pulumi-access-token", "SEC009", s)
    f.neg('db_password = "${var.db_password}"', "placeholder")

    f = c.file("Dockerfile")
    f.add("FROM python:3.12-slim@sha256:" + c.rng.chars(HEX, 64), "WORKDIR /app")
    f.neg("ARG GITHUB_TOKEN", "no-value")
    s = c.new("generic-secret")
    f.plant(f"ENV APP_SECRET={s}", "generic-dockerfile", "SEC013", s)
    s = c.new("generic-secret")
    f.plant(f'ARG PIP_INDEX_TOKEN="{s}"', "generic-dockerfile", "SEC013", s)
    f.neg("ENV SECRET_KEY_FILE=/run/secrets/app_key", "file-path")
    f.add("COPY . .", 'CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0"]')

    f = c.file("docker-compose.yml")
    f.add("services:", "  db:", "    image: postgres:16", "    environment:")
    s = c.new("generic-secret")
    f.plant(f"      - POSTGRES_PASSWORD={s}", "generic-compose", "SEC013", s)
    f.neg("      - PGADMIN_PASSWORD=${PGADMIN_PASSWORD}", "placeholder")
    f.add("  api:", "    build: .", "    environment:")
    f.neg("      DATABASE_URL: postgresql://payments:${POSTGRES_PASSWORD}@db:5432/payments", "url-placeholder-password")
    f.neg("      REDIS_URL: redis://redis:6379/0", "url-without-password")

    f = c.file(".github/workflows/ci.yml")
    f.add("name: ci", "on: [push]", "jobs:", "  test:", "    runs-on: ubuntu-latest", "    env:")
    f.neg("      GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}", "placeholder")
    f.neg("      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}", "placeholder")
    s = c.new("github-app-token")
    f.plant(f"      BOT_TOKEN: {s}", "github-app-token", "SEC002", s)
    f.add("    steps:", "      - uses: actions/checkout@" + c.rng.chars(HEX, 40))
    f.neg("      - uses: actions/setup-python@" + c.rng.chars(HEX, 40), "commit-sha")

    f = c.file(".pre-commit-config.yaml")
    f.add("repos:", "  - repo: https://github.com/astral-sh/ruff-pre-commit")
    f.neg(f"    rev: {c.rng.chars(HEX, 40)}", "commit-sha")
    f.add("  - repo: https://github.com/pre-commit/pre-commit-hooks")
    f.neg(f"    rev: {c.rng.chars(HEX, 40)}", "commit-sha")


def k8s(c):
    f = c.file("k8s/secret.yaml")
    f.add("apiVersion: v1", "kind: Secret", "metadata:", "  name: payments-api", "type: Opaque", "data:")
    f.neg("  username: " + base64.b64encode(b"admin").decode(), "k8s-low-entropy")
    for key in ("password", "api-token", "session-key"):
        s = c.new("k8s-secret-value")
        f.plant(f"  {key}: {base64.b64encode(s.encode()).decode()}", "k8s-secret-data", "SEC015", s)
    f = c.file("k8s/secret-string.yaml")
    f.add("apiVersion: v1", "kind: Secret", "metadata:", "  name: payments-worker", "type: Opaque", "stringData:")
    s = c.new("k8s-secret-value")
    f.plant(f"  DB_PASSWORD: {s}", "k8s-secret-string-data", "SEC015", s)
    s = c.new("k8s-secret-value")
    f.plant(f"  webhook-secret: {s}", "k8s-secret-string-data", "SEC015", s)
    f.neg("  LOG_LEVEL: info", "non-secret")

    f = c.file("k8s/deployment.yaml")
    f.add("apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: payments-api", "spec:", "  template:",
          "    spec:", "      containers:", "        - name: api")
    f.neg(f"          image: ghcr.io/acme/payments-api@sha256:{c.rng.chars(HEX, 64)}", "image-digest")
    f.add("          env:", "            - name: DB_PASSWORD", "              valueFrom:", "                secretKeyRef:")
    f.neg("                  name: payments-api-secrets", "identifier")
    f.add("                  key: password")


def keys_and_registries(c):
    rng = c.rng
    specs = [("deploy/keys/id_rsa", "RSA PRIVATE KEY", "private-key-rsa", 1588, 64, []),
             ("certs/server.key", "PRIVATE KEY", "private-key-pkcs8", 1624, 64, []),
             ("certs/ec.key", "EC PRIVATE KEY", "private-key-ec", 224, 64, []),
             ("deploy/keys/deploy_ed25519", "OPENSSH PRIVATE KEY", "private-key-openssh", 396, 70, []),
             ("certs/legacy.key", "ENCRYPTED PRIVATE KEY", "private-key-encrypted", 1700, 64, []),
             ("certs/legacy-rsa.key", "RSA PRIVATE KEY", "private-key-rsa-encrypted", 1600, 64,
              ["Proc-Type: 4,ENCRYPTED", f"DEK-Info: AES-128-CBC,{rng.chars(HEX, 32).upper()}", ""]),
             ("deploy/signing.asc", "PGP PRIVATE KEY BLOCK", "private-key-pgp", 2600, 64, [""])]
    for path, label, kind, size, width, headers in specs:
        body = pem_body(rng, size, width)
        block = [f"-----BEGIN {label}-----"] + headers + body
        if kind == "private-key-pgp":
            block.append("=" + rng.chars(B64, 4))
        block.append(f"-----END {label}-----")
        c.file(path).plant_block(block, kind, "SEC010", body[:2])

    f = c.file("deploy/keys/id_rsa.pub")
    f.neg(f"ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ{rng.chars(B64, 500)} deploy@ci", "ssh-public-key")
    f.neg(f"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{rng.chars(B64, 43)} ops@laptop", "ssh-public-key")
    f = c.file("certs/public.pem")
    f.neg("-----BEGIN PUBLIC KEY-----", "public-key")
    f.add(*pem_body(rng, 392, 64), "-----END PUBLIC KEY-----")
    f = c.file("certs/server.crt")
    f.neg("-----BEGIN CERTIFICATE-----", "certificate")
    f.add(*pem_body(rng, 1200, 64), "-----END CERTIFICATE-----")

    f = c.file("deploy/gcp-service-account.json")
    f.add("{", '  "type": "service_account",', '  "project_id": "acme-payments-prod",')
    s = rng.chars(HEX, 40)
    f.plant(f'  "private_key_id": "{s}",', "gcp-service-account-key-id", "SEC001", s)
    body = pem_body(rng, 1624, 64)
    f.plant('  "private_key": "-----BEGIN PRIVATE KEY-----\\n' + "\\n".join(body) + '\\n-----END PRIVATE KEY-----\\n",',
            "private-key-escaped", "SEC010", body[0])
    f.add('  "client_email": "deployer@acme-payments-prod.iam.gserviceaccount.com",',
          f'  "client_id": "{rng.digits(21)}",', '  "token_uri": "https://oauth2.googleapis.com/token"', "}")

    f = c.file(".docker/config.json")
    f.add("{", '  "auths": {', '    "registry.acme.io": {')
    pw = rng.chars(ALNUM, 24)
    auth = base64.b64encode(f"deployer:{pw}".encode()).decode()
    f.plant(f'      "auth": "{auth}"', "docker-config-auth", "SEC007", pw)
    c.leaks.append(auth)
    f.add("    }", "  }", "}")

    f = c.file(".npmrc")
    f.add("registry=https://registry.npmjs.org/")
    s = c.new("npm-access-token")
    f.plant(f"//registry.npmjs.org/:_authToken={s}", "npm-access-token", "SEC007", s)
    f.neg("//npm.pkg.github.com/:_authToken=${GITHUB_TOKEN}", "placeholder")

    f = c.file(".pypirc")
    f.add("[distutils]", "index-servers = pypi", "", "[pypi]", "username = __token__")
    s = c.new("pypi-token")
    f.plant(f"password = {s}", "pypi-token", "SEC007", s)

    f = c.file("NuGet.Config")
    f.add('<?xml version="1.0" encoding="utf-8"?>', "<configuration>", "  <apikeys>")
    s = c.new("nuget-api-key")
    f.plant(f'    <add key="https://www.nuget.org/api/v2/package" value="{s}" />', "nuget-api-key", "SEC007", s)
    f.add("  </apikeys>", "</configuration>")

    f = c.file("Gemfile.local")
    f.add('source "https://rubygems.org"')
    s = c.new("rubygems-api-key")
    f.plant(f"# publish with GEM_HOST_API_KEY={s}", "rubygems-api-key", "SEC007", s)

    f = c.file("config/storage.ini")
    f.add("[azure]")
    s = c.new("azure-storage-account-key")
    f.plant(f"connection = DefaultEndpointsProtocol=https;AccountName=acmepay;AccountKey={s};EndpointSuffix=core.windows.net",
            "azure-storage-account-key", "SEC001", s)
    s = c.new("azure-sas-signature")
    f.plant(f"report_url = https://acmepay.blob.core.windows.net/reports/q3.csv?sv=2022-11-02&ss=b&srt=o&sp=r"
            f"&se=2030-01-01T00:00:00Z&spr=https&sig={s}", "azure-sas-signature", "SEC001", s)
    s = c.new("grafana-service-account-token")
    f.add("[grafana]")
    f.plant(f"token = {s}", "grafana-service-account-token", "SEC008", s)


def docs(c):
    rng = c.rng
    f = c.file("README.md")
    f.add("# payments-api", "", "Handles card payments and payouts.", "", "## Configuration", "",
          "Copy `.env.example` to `.env`. Never commit real credentials.", "", "```sh")
    example_id, example_secret = aws_example_pair()
    f.neg(f"aws configure set aws_access_key_id {example_id}", "aws-example-key")
    f.neg(f"aws configure set aws_secret_access_key {example_secret}", "aws-example-key")
    f.neg('export DATABASE_URL="postgresql://user:password@localhost:5432/payments"', "url-placeholder-password")
    f.neg("export OPENAI_API_KEY=<your-openai-key>", "placeholder")
    f.add("```", "", "Call the API with a token:", "", "```sh")
    f.neg('curl -H "Authorization: Bearer $API_TOKEN" https://api.acme.io/v1/payments', "env-lookup")
    f.neg('curl -u "admin:<password>" https://api.acme.io/admin', "placeholder")
    f.add("```", "", f"Built from commit {rng.chars(HEX, 40)}.")

    f = c.file("docs/runbook.md")
    f.add("# Runbook", "", "## Alerts", "")
    s = c.new("slack-webhook")
    f.plant(f"Alerts go to https://{s} (#payments-oncall).", "slack-webhook", "SEC003", s)
    f.add("", "## Database", "")
    pw = c.new("db-password")
    f.plant(f"Emergency read-only access: `psql postgres://readonly:{pw}@db-replica.internal:5432/payments`",
            "url-postgres", "SEC012", pw)
    f.neg("Rotate with `ALTER USER payments PASSWORD '<new-password>';`", "placeholder")
    f.add("", "## Registry", "")
    pw = c.new("db-password")
    f.plant(f"Mirror: https://ci-bot:{pw}@nexus.acme.io/repository/pypi/simple", "url-http-basic-auth", "SEC012", pw)
    f.neg("Public mirror: https://pypi.org/simple", "url-without-password")
    f.neg(f"Incident id {rng.uuid()}, fixed in {rng.chars(HEX, 40)}.", "uuid")

    f = c.file("docs/api.md")
    f.add("# API", "", "Send `Authorization: Bearer <token>`. Example response:", "", "```json")
    f.neg('{"access_token": "<jwt>", "token_type": "bearer", "expires_in": 3600}', "placeholder")
    f.add("```", "")
    f.neg(f"![diagram](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA{rng.chars(B64, 400)}=)", "base64-image")
    f.neg("Service tokens look like `sk_live_...` and are shown once.", "placeholder")
    f.neg(f"Webhook ids are UUIDs such as `{rng.uuid()}`.", "uuid")
    f.neg(f"Signatures are hex SHA-256 digests: `{rng.chars(HEX, 64)}`.", "sha256-digest")


def build_tree(c):
    for step in (py_settings, py_integrations, py_tests, js_ts, go_java, configs, env_files, shell_iac, k8s,
                 keys_and_registries, docs):
        step(c)
    c.file(".gitignore").add("__pycache__/", "node_modules/", "*.pyc")
    c.file("app/__init__.py").add('"""payments-api."""')


# ---------------------------------------------------------------- history-only plants

def history_events(c):
    """Yields (message, {path: text or None}) commits that add, then remove, secrets."""
    rng = c.rng
    # A .env committed by mistake, then removed.
    f = File(c, ".env")
    f.add("# local development")
    for name, kind in (("AWS_ACCESS_KEY_ID", "aws-access-key-id"), ("STRIPE_SECRET_KEY", "stripe-secret-key"),
                       ("OPENAI_API_KEY", "openai-project-key")):
        s = c.new(kind)
        f.plant(f"{name}={s}", kind, c.rule(kind), s, history_only=True)
    pw = c.new("db-password")
    f.plant(f"DATABASE_URL=postgres://payments:{pw}@db.internal:5432/payments", "url-postgres", "SEC012", pw, True)
    yield "Add local env", {".env": f.text()}
    yield "Remove .env from the repository", {".env": None}

    f = File(c, "config/credentials.yml")
    f.add("# temporary: move to the secret manager")
    s = c.new("slack-bot-token")
    f.plant(f"slack: {s}", "slack-bot-token", "SEC003", s, True)
    s = c.new("sendgrid-api-key")
    f.plant(f"sendgrid: {s}", "sendgrid-api-key", "SEC006", s, True)
    s = c.new("github-pat-classic")
    f.plant(f"github: {s}", "github-pat-classic", "SEC002", s, True)
    yield "Add integration credentials", {"config/credentials.yml": f.text()}
    yield "Drop credentials file", {"config/credentials.yml": None}

    # Appended to a file of the final tree, then reverted: earlier lines keep their numbers.
    base = c.files["app/settings.py"]
    f = File(c, base.path)
    f.lines = list(base.lines)
    s = c.new("anthropic-api-key")
    f.plant(f'ANTHROPIC_KEY = "{s}"', "anthropic-api-key", "SEC005", s, True)
    s = c.new("jwt")
    f.plant(f'ADMIN_JWT = "{s}"', "jwt", "SEC011", s, True)
    yield "Try the admin flow locally", {base.path: f.text()}
    yield "Revert local admin settings", {base.path: base.text()}

    f = File(c, "deploy/keys/old_id_rsa")
    body = pem_body(rng, 1588, 64)
    f.plant_block(["-----BEGIN RSA PRIVATE KEY-----"] + body + ["-----END RSA PRIVATE KEY-----"],
                  "private-key-rsa", "SEC010", body[:2], True)
    yield "Add deploy key", {f.path: f.text()}
    yield "Remove deploy key", {f.path: None}

    base = c.files["scripts/deploy.sh"]
    f = File(c, base.path)
    f.lines = list(base.lines)
    s = c.new("github-oauth-token")
    f.plant(f"export GITHUB_TOKEN={s}", "github-oauth-token", "SEC002", s, True)
    yield "deploy: pass the token explicitly", {base.path: f.text()}
    yield "deploy: read the token from CI", {base.path: base.text()}

    f = File(c, "terraform.tfstate")
    f.add("{", '  "version": 4,', '  "resources": [', "    {", '      "attributes": {')
    s = c.new("aws-secret-access-key")
    f.plant(f'        "aws_secret_access_key": "{s}",', "aws-secret-access-key", "SEC001", s, True)
    s = c.new("generic-secret")
    f.plant(f'        "master_password": "{s}"', "generic-json", "SEC013", s, True)
    f.add("      }", "    }", "  ]", "}")
    yield "Commit state (oops)", {f.path: f.text()}
    yield "Remove terraform state", {f.path: None}

    f = File(c, "notebooks/scratch.py")
    f.add("# scratch notebook export")
    s = c.new("huggingface-token")
    f.plant(f'login(token="{s}")', "huggingface-token", "SEC005", s, True)
    s = c.new("replicate-api-token")
    f.plant(f'client = replicate.Client(api_token="{s}")', "replicate-api-token", "SEC005", s, True)
    yield "Add scratch notebook", {f.path: f.text()}
    yield "Remove scratch notebook", {f.path: None}


def side_branch(c):
    """A branch that was never merged: its secrets are reachable only through its ref."""
    f = File(c, "deploy/old.env")
    f.add("# old deployment, kept on a branch")
    for name, kind in (("NPM_TOKEN", "npm-access-token"), ("GITLAB_TOKEN", "gitlab-pat"),
                       ("VAULT_TOKEN", "vault-service-token"), ("MAILCHIMP_KEY", "mailchimp-api-key")):
        s = c.new(kind)
        f.plant(f"{name}={s}", kind, c.rule(kind), s, True)
    return {f.path: f.text()}


# ---------------------------------------------------------------- git

class Repo:
    def __init__(self, path):
        self.path = path
        self.n = 0

    def git(self, *args):
        env = dict(os.environ)
        when = f"2024-03-{1 + self.n // 24:02d}T{self.n % 24:02d}:00:00+00:00"
        author = [("Ana Souza", "ana@acme.io"), ("Bo Chen", "bo@acme.io")][self.n % 2]
        env.update({"GIT_AUTHOR_NAME": author[0], "GIT_AUTHOR_EMAIL": author[1], "GIT_AUTHOR_DATE": when,
                    "GIT_COMMITTER_NAME": author[0], "GIT_COMMITTER_EMAIL": author[1],
                    "GIT_COMMITTER_DATE": when, "GIT_CONFIG_NOSYSTEM": "1", "HOME": self.path,
                    "GIT_CONFIG_GLOBAL": os.devnull})
        subprocess.run(["git", *args], cwd=self.path, env=env, check=True, stdout=subprocess.DEVNULL)

    def commit(self, message, files):
        for rel, text in files.items():
            full = os.path.join(self.path, rel)
            if text is None:
                self.git("rm", "-q", "--", rel)
                continue
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w", encoding="utf-8") as out:
                out.write(text)
            self.git("add", "--", rel)
        self.git("commit", "-q", "--no-verify", "-m", message)
        self.n += 1


def write_repo(c, out):
    os.makedirs(out, exist_ok=False)
    repo = Repo(out)
    repo.git("init", "-q", "-b", "main")
    paths = sorted(c.files)
    groups = [p for p in paths if p.startswith(("app/", "tests/", "tools/"))], \
             [p for p in paths if p.startswith(("web/", "services/"))], \
             [p for p in paths if p.startswith(("config/", "k8s/", "infra/", "deploy/", "certs/"))]
    seen = set()
    for message, group in zip(("Service skeleton", "Web and worker", "Configuration and deployment"), groups):
        repo.commit(message, {p: c.files[p].text() for p in group})
        seen.update(group)
    repo.commit("Docs, tooling and environment", {p: c.files[p].text() for p in paths if p not in seen})
    for message, files in history_events(c):
        repo.commit(message, files)
    repo.git("checkout", "-q", "-b", "wip/old-deploy")
    repo.commit("WIP: old deployment settings", side_branch(c))
    repo.git("checkout", "-q", "main")
    repo.commit("Bump version", {"VERSION": "2.3.1\n"})


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("seed", type=int)
    parser.add_argument("outdir")
    parser.add_argument("--labels")
    parser.add_argument("--secrets-out")
    args = parser.parse_args(argv)
    out = os.path.abspath(args.outdir)
    labels = args.labels or os.path.join(os.path.dirname(out), "labels.json")
    c = Corpus(args.seed)
    build_tree(c)
    write_repo(c, out)
    with open(labels, "w", encoding="utf-8") as f:
        json.dump({"seed": args.seed, "planted": c.planted, "negatives": c.negatives}, f, indent=1)
        f.write("\n")
    if args.secrets_out:
        with open(args.secrets_out, "w", encoding="utf-8") as f:
            f.write("".join(s + "\n" for s in c.leaks if len(s) >= 8))
    kinds_planted = {p["kind"] for p in c.planted}
    history = sum(p["history_only"] for p in c.planted)
    print(f"planted {len(c.planted)} secrets of {len(kinds_planted)} kinds ({history} only in history), "
          f"{len(c.negatives)} negatives", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
