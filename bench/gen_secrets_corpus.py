#!/usr/bin/env python3
"""Deterministic corpora for the secret-scanning benchmarks.

  gen_secrets_corpus.py tree DIR SIZE_MB [--seed N]
      A git repository (one commit) of about SIZE_MB x 10^6 bytes of source-like text:
      Python, JS/TS, Go, Java, YAML, JSON, Markdown, TOML, shell, .env.example, lock files,
      minified bundles with very long lines and base64 blobs, split into shards of about
      2 MB (shard-NNN/) so that a slow tool can be run on a prefix of them.
  gen_secrets_corpus.py history DIR COMMITS [--seed N]
      A git repository with COMMITS commits written through `git fast-import`: a project
      of a few hundred files, each commit editing 1-5 of them, a few branches and tags,
      and fake secrets that are added and later removed.

Both print a JSON summary (bytes, files, planted secrets by kind) on stdout.

Every planted secret is generated here from the seed: the repository that holds this
script must never contain a format-valid secret, so token prefixes are assembled from
pieces and bodies are random.
"""
import argparse
import base64
import json
import os
import random
import re
import string
import subprocess
import sys
import zlib

ALNUM = string.ascii_letters + string.digits
BASE62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
B64 = ALNUM + "+/"
B64URL = ALNUM + "-_"

NOUNS = ("user order invoice session payment account cart product report config cache queue "
         "event message profile address shipment review metric tenant webhook job upload "
         "customer subscription coupon refund ticket comment").split()
VERBS = ("get create update delete list fetch load save parse validate render build sync "
         "resolve handle process publish archive compute refresh").split()
WORDS = ("the a of to and for with when if retry timeout backoff request response payload "
         "cursor page limit offset batch worker pool connection transaction schema migration "
         "index shard replica region bucket stream buffer header cookie client server route "
         "handler middleware logger metrics trace span deadline context").split()
PKGS = ("react lodash express axios chalk debug commander semver uuid yargs minimist "
        "webpack babel-core typescript eslint prettier jest mocha zod dotenv pg redis ioredis "
        "fastify koa next vue rxjs moment dayjs date-fns ws socket.io body-parser cors helmet "
        "jsonwebtoken bcrypt nanoid classnames tslib glob rimraf mkdirp").split()


class Filler:
    """Expands {{key}} placeholders: per-chunk names stay fixed, numbers and ids vary."""

    PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")

    def __init__(self, rng):
        self.rng = rng

    def expand(self, template):
        r = self.rng
        noun, noun2, verb = r.choice(NOUNS), r.choice(NOUNS), r.choice(VERBS)
        fixed = {
            "noun": noun, "noun2": noun2, "verb": verb,
            "Noun": noun.capitalize(), "Noun2": noun2.capitalize(), "Verb": verb.capitalize(),
            "NOUN": noun.upper(), "NOUN2": noun2.upper(),
            "pkg": r.choice(PKGS),
        }

        def one(m):
            key = m.group(1)
            if key in fixed:
                return fixed[key]
            if key == "n":
                return str(r.randint(1, 5000))
            if key == "word":
                return r.choice(WORDS)
            if key == "words":
                return " ".join(r.choice(WORDS) for _ in range(r.randint(4, 12)))
            if key == "hex40":
                return "%040x" % r.getrandbits(160)
            if key == "uuid":
                return "%08x-%04x-4%03x-a%03x-%012x" % (r.getrandbits(32), r.getrandbits(16),
                                                        r.getrandbits(12), r.getrandbits(12),
                                                        r.getrandbits(48))
            if key == "ver":
                return "%d.%d.%d" % (r.randint(0, 9), r.randint(0, 30), r.randint(0, 40))
            if key == "sri":
                return base64.b64encode(r.randbytes(64)).decode()
            if key == "hex64":
                return "%064x" % r.getrandbits(256)
            raise KeyError(key)

        return self.PLACEHOLDER.sub(one, template)


# Templates: "@@" becomes a per-file suffix, so no two files are byte-identical.
TEMPLATES = {
    "py": [
        '''
class {{Noun}}Service@@:
    """{{Verb}} {{noun}} records for the {{noun2}} API ({{words}})."""

    def __init__(self, repo, cache=None, timeout={{n}}):
        self.repo = repo
        self.cache = cache or {}
        self.timeout = timeout

    def {{verb}}_{{noun}}(self, {{noun}}_id: int, *, limit: int = {{n}}) -> dict:
        {{noun}} = self.repo.get_{{noun}}({{noun}}_id)
        if {{noun}} is None:
            raise NotFoundError(f"{{noun}} {{{noun}}_id} not found")
        result = {"id": {{noun}}.id, "status": {{noun}}.status, "items": []}
        for item in {{noun}}.items[:limit]:
            result["items"].append(self._serialize_{{noun2}}(item))
        logger.debug("{{verb}} %s took %d ms", {{noun}}_id, {{n}})
        return result
''',
        '''
@router.{{word}}("/{{noun}}s/{{{noun}}_id}/{{noun2}}s")
async def {{verb}}_{{noun2}}s_@@({{noun}}_id: UUID, db: Session = Depends(get_db)):
    # {{words}}
    rows = await db.execute(select({{Noun2}}).where({{Noun2}}.{{noun}}_id == {{noun}}_id).limit({{n}}))
    return [{{Noun2}}Out.model_validate(r) for r in rows.scalars()]
''',
        '''
DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite:///./{{noun}}.db")
SECRET_KEY = os.environ["SECRET_KEY"]
{{NOUN}}_API_KEY = os.getenv("{{NOUN}}_API_KEY")
password = settings.{{NOUN}}_PASSWORD  # read at startup, never logged
CACHE_TTL_{{NOUN2}} = {{n}}
''',
        '''
def test_{{verb}}_{{noun}}_@@(client, {{noun2}}_factory):
    {{noun2}} = {{noun2}}_factory(name="{{word}}-{{n}}")
    response = client.post("/{{noun}}s", json={"{{noun2}}_id": {{noun2}}.id, "limit": {{n}}})
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["id"] == "{{uuid}}" or body["id"]
    assert body["revision"] != "{{hex40}}"
''',
    ],
    "js": [
        '''
export async function {{verb}}{{Noun}}@@(client, {{noun}}Id, options = {}) {
  const { limit = {{n}}, signal } = options;
  // {{words}}
  const res = await client.get(`/api/{{noun}}s/${ {{noun}}Id }/{{noun2}}s?limit=${limit}`, { signal });
  if (!res.ok) {
    throw new Error(`{{verb}} {{noun}} failed: ${res.status}`);
  }
  const data = await res.json();
  return data.items.map((item) => ({ id: item.id, {{noun2}}: item.{{noun2}}, at: Date.parse(item.createdAt) }));
}
''',
        '''
const {{noun}}Config@@ = {
  baseUrl: process.env.{{NOUN}}_BASE_URL || "https://{{noun}}.internal.example.com",
  apiKey: process.env.{{NOUN}}_API_KEY,
  secret: process.env.{{NOUN}}_SECRET,
  retries: {{n}},
  timeoutMs: {{n}},
};
module.exports.{{noun}}Config@@ = {{noun}}Config@@;
''',
        '''
describe("{{noun}} {{verb}}", () => {
  it("{{words}}", async () => {
    const {{noun}} = await factory.{{noun}}({ id: "{{uuid}}" });
    const result = await {{verb}}{{Noun}}@@(api, {{noun}}.id, { limit: {{n}} });
    expect(result).toHaveLength({{n}});
    expect(result[0].{{noun2}}).toBeDefined();
  });
});
''',
    ],
    "ts": [
        '''
export interface {{Noun}}@@ {
  id: string;
  {{noun2}}Id: string;
  status: "active" | "archived" | "pending";
  createdAt: Date;
  tags: string[];
}

export class {{Noun}}Repository@@ {
  constructor(private readonly db: Pool, private readonly log: Logger) {}

  async {{verb}}(id: string, limit = {{n}}): Promise<{{Noun}}@@[]> {
    // {{words}}
    const { rows } = await this.db.query<{{Noun}}@@>(
      "SELECT * FROM {{noun}}s WHERE {{noun2}}_id = $1 ORDER BY created_at DESC LIMIT $2",
      [id, limit],
    );
    this.log.debug({ id, count: rows.length }, "{{verb}} {{noun}}s");
    return rows;
  }
}
''',
        '''
export const {{noun}}Routes@@: Route[] = [
  { path: "/{{noun}}s", method: "GET", handler: list{{Noun}}s, auth: true },
  { path: "/{{noun}}s/:id", method: "PUT", handler: update{{Noun}}, auth: true },
  { path: "/{{noun}}s/:id/{{noun2}}", method: "POST", handler: {{verb}}{{Noun2}}, rateLimit: {{n}} },
];
const token = req.headers.authorization?.replace(/^Bearer /, "") ?? "";
''',
    ],
    "go": [
        '''
// {{Verb}}{{Noun}}@@ {{words}}.
func (s *{{Noun}}Store) {{Verb}}{{Noun}}@@(ctx context.Context, id string, limit int) ([]{{Noun2}}, error) {
	ctx, cancel := context.WithTimeout(ctx, {{n}}*time.Millisecond)
	defer cancel()
	rows, err := s.db.QueryContext(ctx, "SELECT id, {{noun2}}_id, status FROM {{noun}}s WHERE id = $1 LIMIT $2", id, limit)
	if err != nil {
		return nil, fmt.Errorf("{{verb}} {{noun}} %s: %w", id, err)
	}
	defer rows.Close()
	var out []{{Noun2}}
	for rows.Next() {
		var v {{Noun2}}
		if err := rows.Scan(&v.ID, &v.{{Noun}}ID, &v.Status); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
''',
        '''
type {{Noun}}Config@@ struct {
	Endpoint string        `yaml:"endpoint" env:"{{NOUN}}_ENDPOINT"`
	APIKey   string        `yaml:"api_key" env:"{{NOUN}}_API_KEY"`
	Password string        `yaml:"password" env:"{{NOUN}}_PASSWORD"`
	Timeout  time.Duration `yaml:"timeout" default:"{{n}}ms"`
}
''',
    ],
    "java": [
        '''
@Service
public class {{Noun}}Service@@ {
    private static final Logger LOG = LoggerFactory.getLogger({{Noun}}Service@@.class);
    private final {{Noun}}Repository repository;
    private final {{Noun2}}Client {{noun2}}Client;

    public {{Noun}}Service@@({{Noun}}Repository repository, {{Noun2}}Client {{noun2}}Client) {
        this.repository = repository;
        this.{{noun2}}Client = {{noun2}}Client;
    }

    /** {{words}} */
    public List<{{Noun}}Dto> {{verb}}{{Noun}}s(String {{noun2}}Id, int limit) {
        LOG.debug("{{verb}} {{noun}}s for {} (limit {})", {{noun2}}Id, limit);
        return repository.findBy{{Noun2}}Id({{noun2}}Id, PageRequest.of(0, Math.min(limit, {{n}})))
            .stream()
            .map({{Noun}}Dto::from)
            .collect(Collectors.toList());
    }
}
''',
    ],
    "yaml": [
        '''
  {{noun}}_@@:
    enabled: true
    schedule: "*/{{n}} * * * *"
    queue: {{noun2}}-{{word}}
    labels: [{{word}}, {{word}}, {{word}}]
    description: {{words}}
''',
        '''
  {{noun}}-@@:
    image: registry.example.com/{{noun}}:{{ver}}
    replicas: {{n}}
    env:
      - name: {{NOUN}}_PASSWORD
        valueFrom:
          secretKeyRef:
            name: {{noun}}-secrets
            key: password
      - name: LOG_LEVEL
        value: info
    resources:
      limits: {cpu: "{{n}}m", memory: "{{n}}Mi"}
''',
        '''
- name: {{verb}} {{noun}} @@
  uses: actions/{{word}}@v{{n}}
  with:
    token: ${{ secrets.GITHUB_TOKEN }}
    path: ./{{noun}}/{{noun2}}
''',
    ],
    "json": [
        '''
  "{{noun}}_@@": {
    "id": "{{uuid}}",
    "revision": "{{hex40}}",
    "{{noun2}}": {"limit": {{n}}, "enabled": true, "description": "{{words}}"},
    "tags": ["{{word}}", "{{word}}", "{{word}}"]
  },
''',
    ],
    "md": [
        '''
### {{Noun}} {{noun2}}s (@@)

{{words}}. The {{noun}} service keeps {{n}} {{noun2}}s per page and retries
{{n}} times with backoff; see `docs/{{noun}}.md` for the {{word}} and {{word}} fields.

- `{{verb}}_{{noun}}`: {{words}}
- `{{verb}}_{{noun2}}`: {{words}}
''',
        '''
## {{Verb}} a {{noun}} (@@)

To {{verb}} a {{noun}}, call `POST /{{noun}}s` with the {{noun2}} id. {{words}}.
Set `{{NOUN}}_API_KEY` in your environment (see `.env.example`); never commit it.

```bash
curl -H "Authorization: Bearer $TOKEN" https://api.example.com/{{noun}}s?limit={{n}}
```

| field | type | notes |
|---|---|---|
| id | uuid | {{words}} |
| {{noun2}}_id | uuid | {{words}} |
''',
    ],
    "toml": [
        '''
[[{{noun}}.@@]]
name = "{{word}}-{{noun2}}"
version = "{{ver}}"
path = "src/{{noun}}/{{noun2}}.rs"
max_{{noun2}}s = {{n}}
''',
        '''
[{{noun}}.@@]
endpoint = "https://{{noun}}.example.com/v{{n}}"
timeout_ms = {{n}}
retries = {{n}}
password_env = "{{NOUN}}_PASSWORD"
features = ["{{word}}", "{{word}}"]
''',
    ],
    "sh": [
        '''
{{verb}}_{{noun}}s_@@() {
  # {{words}}
  local dir="${1:-./{{noun}}s}" count=0
  for f in "$dir"/*.json; do
    [ -e "$f" ] || continue
    jq -r '.{{noun2}} // empty' "$f" >> "$dir/{{noun2}}s.txt"
    count=$((count + 1))
  done
  echo "{{verb}}: $count {{noun}} files ({{n}} max)"
}
''',
        '''
{{verb}}_{{noun}}_@@() {
  local id="$1" limit="${2:-{{n}}}"
  # {{words}}
  if [ -z "${{{NOUN}}_API_KEY:-}" ]; then
    echo "{{NOUN}}_API_KEY is not set" >&2
    return 2
  fi
  curl -fsS -H "Authorization: Bearer ${{{NOUN}}_API_KEY}" \\
    "https://api.example.com/{{noun}}s/${id}?limit=${limit}" | jq '.items[] | .{{noun2}}'
}
''',
    ],
    "env": [
        '''
# {{noun}} ({{words}})
{{NOUN}}_BASE_URL=https://{{noun}}.example.com
{{NOUN}}_API_KEY=changeme
{{NOUN}}_SECRET=<your-{{noun}}-secret>
{{NOUN}}_PASSWORD=
DATABASE_URL=postgres://user:password@localhost:5432/{{noun}}
''',
    ],
    "npmlock": [
        '''
    "node_modules/{{pkg}}@@": {
      "version": "{{ver}}",
      "resolved": "https://registry.npmjs.org/{{pkg}}/-/{{pkg}}-{{ver}}.tgz",
      "integrity": "sha512-{{sri}}",
      "dev": true
    },
''',
    ],
    "yarnlock": [
        '''
"{{pkg}}@@@^{{ver}}":
  version "{{ver}}"
  resolved "https://registry.yarnpkg.com/{{pkg}}/-/{{pkg}}-{{ver}}.tgz#{{hex40}}"
  integrity sha512-{{sri}}
''',
    ],
    "gosum": [
        "github.com/{{word}}/{{pkg}}@@ v{{ver}} h1:{{sri}}\n",
    ],
}

# (extension or file name, template family, percent of the tree's bytes)
FILE_KINDS = [
    (".py", "py", 18), (".js", "js", 10), (".ts", "ts", 11), (".go", "go", 9),
    (".java", "java", 8), (".yaml", "yaml", 6), (".json", "json", 5), (".md", "md", 6),
    (".toml", "toml", 2), (".sh", "sh", 3), (".env.example", "env", 0.1),
    ("package-lock.json", "npmlock", 4), ("yarn.lock", "yarnlock", 3), ("go.sum", "gosum", 2),
    (".min.js", "minified", 6), (".bundle.js", "minified", 2), ("assets.ts", "base64", 4),
]


def mean_file_size(family):
    if family in ("minified", "base64", "npmlock", "yarnlock"):
        return 200_000
    if family == "env":
        return 1_150
    return 8_100  # the lognormal below


def base62(n, width):
    out = []
    while n:
        n, r = divmod(n, 62)
        out.append(BASE62[r])
    return "".join(reversed(out)).rjust(width, "0")


def rand(rng, alphabet, n):
    return "".join(rng.choices(alphabet, k=n))


def checksummed(rng, prefix, body_len):
    body = rand(rng, ALNUM, body_len)
    return prefix + body + base62(zlib.crc32(body.encode()), 6)


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def fake_secret(rng, kind):
    """A format-valid, random, never-issued credential of `kind` and a line that assigns it."""
    r = rng
    if kind == "aws":
        kid = "AK" + "IA" + rand(r, string.ascii_uppercase + "234567", 16)
        sec = rand(r, B64, 40)
        return f'aws_access_key_id = "{kid}"\naws_secret_access_key = "{sec}"'
    if kind == "github":
        return 'GITHUB_TOKEN = "' + checksummed(r, "gh" + "p_", 30) + '"'
    if kind == "npm":
        return "//registry.npmjs.org/:_authToken=" + checksummed(r, "np" + "m_", 30)
    if kind == "slack":
        tok = "xo" + "xb-" + rand(r, string.digits, 12) + "-" + rand(r, string.digits, 13) + \
            "-" + rand(r, ALNUM, 24)
        return f'slack_token: "{tok}"'
    if kind == "stripe":
        return 'const stripe = new Stripe("' + "sk" + "_live_" + rand(r, ALNUM, 99) + '");'
    if kind == "openai":
        return 'OPENAI_API_KEY = "' + "sk" + "-" + rand(r, ALNUM, 20) + "T3Blbk" + "FJ" + \
            rand(r, ALNUM, 20) + '"'
    if kind == "anthropic":
        return 'anthropic_key = "' + "sk-" + "ant-api03-" + rand(r, B64URL, 93) + 'AA"'
    if kind == "sendgrid":
        return 'SENDGRID_API_KEY="' + "S" + "G." + rand(r, B64URL, 22) + "." + \
            rand(r, B64URL, 43) + '"'
    if kind == "google":
        return 'apiKey: "' + "AI" + "za" + rand(r, B64URL, 35) + '",'
    if kind == "postgres":
        return 'DATABASE_URL = "postgres' + '://app_' + rand(r, string.ascii_lowercase, 5) + \
            ":" + rand(r, ALNUM, 24) + "@db." + rand(r, string.ascii_lowercase, 8) + \
            '.internal:5432/app"'
    if kind == "jwt":
        head = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
        body = b64url(json.dumps({"sub": str(r.randint(1, 10**9)), "iat": 1700000000 +
                                  r.randint(0, 10**7), "role": "admin"}).encode())
        return 'auth_header = "Bearer ' + head + "." + body + "." + b64url(r.randbytes(32)) + '"'
    if kind == "privatekey":
        dashes = "-" * 5
        label = "RSA " + "PRIVATE" + " KEY"
        b = base64.b64encode(r.randbytes(1190)).decode()
        lines = [b[i:i + 64] for i in range(0, len(b), 64)]
        return "\n".join([dashes + "BEGIN " + label + dashes, *lines, dashes + "END " + label + dashes])
    if kind == "generic":
        return 'SECRET_KEY = "' + rand(r, ALNUM + "!@#%^&*(-_=+)", 50) + '"'
    raise KeyError(kind)


SECRET_KINDS = ["aws", "github", "npm", "slack", "stripe", "openai", "anthropic", "sendgrid",
                "google", "postgres", "jwt", "privatekey", "generic"]


SECRET_WORDS = re.compile(r"(?i)password|secret|api_key|token")


def chunk_pool(rng, family, count):
    # Code that names credentials is a small part of real code (one line in a few hundred
    # matches `git grep -i "password\|secret\|api_key"`): such templates are drawn rarely.
    templates = TEMPLATES[family]
    weights = [1 if SECRET_WORDS.search(t) else 25 for t in templates]
    filler = Filler(rng)
    return [filler.expand(rng.choices(templates, weights=weights)[0]) for _ in range(count)]


def minify(text):
    return re.sub(r"\s+", " ", text)


class TreeWriter:
    """Writes files of each kind from pre-expanded chunk pools until the byte budget is spent."""

    def __init__(self, rng, pool_size=300):
        self.rng = rng
        self.pools = {fam: chunk_pool(rng, fam, pool_size) for fam in TEMPLATES}
        self.pools["minified"] = [minify(c) for c in self.pools["js"] + self.pools["ts"]]

    def content(self, family, suffix, target):
        r = self.rng
        if family == "base64":
            parts, size = [], 0
            while size < target:
                blob = base64.b64encode(r.randbytes(r.randint(2000, 40000))).decode()
                line = f'export const ICON_{r.choice(NOUNS).upper()}_{suffix}_{len(parts)} = ' \
                       f'"data:image/png;base64,{blob}";\n'
                parts.append(line)
                size += len(line)
            return "".join(parts)
        pool = self.pools[family]
        parts, size = [], 0
        while size < target:
            c = r.choice(pool)
            parts.append(c)
            size += len(c)
        sep = ";" if family == "minified" else ""
        text = sep.join(parts).replace("@@", suffix)
        if family == "minified":
            # A few long lines per file, as bundlers emit.
            step = max(1, len(text) // r.randint(1, 4))
            text = "\n".join(text[i:i + step] for i in range(0, len(text), step))
        if family in ("npmlock",):
            text = '{\n  "name": "app",\n  "lockfileVersion": 3,\n  "packages": {' + text + \
                '    "": {}\n  }\n}\n'
        if family == "json":
            text = "{\n" + text + '  "end": true\n}\n'
        return text


def file_size_target(rng, family):
    if family in ("minified", "base64", "npmlock", "yarnlock"):
        return rng.randint(50_000, 350_000)
    if family == "env":
        return rng.randint(300, 2_000)
    return int(rng.lognormvariate(8.6, 0.9))  # median ~5.4 KB, long tail


DIRS = ["src", "src/api", "src/services", "src/models", "lib", "internal", "cmd", "web/src",
        "web/src/components", "config", "deploy", "deploy/k8s", "docs", "scripts", "tests",
        "test/integration", "pkg/util", "app", "app/core", "infra"]


def name_for(rng, ext, index):
    if ext in ("package-lock.json", "yarn.lock", "go.sum"):
        return f"{rng.choice(['web', 'app', 'svc', 'tools'])}{index}/{ext}"
    base = f"{rng.choice(VERBS)}_{rng.choice(NOUNS)}_{index}"
    if ext == ".env.example":
        return f"{rng.choice(['', 'svc/', 'deploy/'])}{base}.env.example".lstrip("/")
    if ext in (".min.js", ".bundle.js"):
        return f"dist/{rng.choice(['vendor', 'app', 'chunk'])}.{index:05x}{ext}"
    if ext == "assets.ts":
        return f"web/src/assets/icons_{index}.ts"
    return f"{rng.choice(DIRS)}/{base}{ext}"


def plant(rng, text, secret_line):
    """Inserts the secret's line(s) after a random line of `text`."""
    pos = text.find("\n", rng.randrange(max(1, len(text))))
    pos = len(text) if pos < 0 else pos + 1
    return text[:pos] + secret_line + "\n" + text[pos:]


def git(cwd, *args, **kw):
    return subprocess.run(["git", "-C", cwd, *args], check=True, **kw)


def git_identity():
    return ["-c", "user.name=Bench", "-c", "user.email=bench@example.com",
            "-c", "commit.gpgsign=false"]


def make_tree(out, size_mb, seed):
    rng = random.Random(seed)
    writer = TreeWriter(rng)
    budget = size_mb * 1_000_000
    shard_bytes = 2_000_000
    # Weights are shares of the bytes; a file of a kind is picked in inverse proportion to its size.
    weights = [w / mean_file_size(fam) for _, fam, w in FILE_KINDS]
    written, shard, shard_used, index = 0, 0, 0, 0
    files = []
    while written < budget:
        ext, family, _ = rng.choices(FILE_KINDS, weights=weights)[0]
        text = writer.content(family, f"{shard:03d}x{index:x}", file_size_target(rng, family))
        rel = f"shard-{shard:03d}/{name_for(rng, ext, index)}"
        files.append([rel, text])
        written += len(text)
        shard_used += len(text)
        index += 1
        if shard_used >= shard_bytes:
            shard, shard_used = shard + 1, 0
    # Four secrets of every kind, in ordinary source files, spread over the tree.
    planted = {}
    candidates = [f for f in files if not f[0].endswith((".min.js", ".bundle.js", ".lock",
                                                         "package-lock.json", "go.sum"))]
    for kind in SECRET_KINDS:
        for _ in range(4):
            f = rng.choice(candidates)
            f[1] = plant(rng, f[1], fake_secret(rng, kind))
            planted[kind] = planted.get(kind, 0) + 1
    total = 0
    for rel, text in files:
        path = os.path.join(out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = text.encode()
        total += len(data)
        with open(path, "wb") as fh:
            fh.write(data)
    git(out, "init", "-q", "-b", "main")
    git(out, "-c", "core.looseCompression=1", "add", "-A")
    git(out, *git_identity(), "commit", "-q", "-m", f"bench corpus (seed {seed})",
        env={**os.environ, "GIT_AUTHOR_DATE": "2024-01-01T00:00:00Z",
             "GIT_COMMITTER_DATE": "2024-01-01T00:00:00Z"})
    shards = shard + (1 if shard_used else 0)
    return {"bytes": total, "files": len(files), "shards": shards,
            "shard_bytes": shard_bytes, "planted": planted, "seed": seed}


class FastImport:
    """Writes a `git fast-import` stream."""

    def __init__(self, pipe):
        self.pipe = pipe
        self.mark = 0

    def data(self, payload):
        self.pipe.write(b"data %d\n" % len(payload))
        self.pipe.write(payload)
        self.pipe.write(b"\n")

    def commit(self, ref, when, author, message, parent, changes):
        self.mark += 1
        w = self.pipe.write
        w(b"commit %s\nmark :%d\n" % (ref.encode(), self.mark))
        ident = b"%s %d +0000\n" % (author.encode(), when)
        w(b"author " + ident)
        w(b"committer " + ident)
        self.data(message.encode())
        if parent:
            w(b"from :%d\n" % parent)
        for path, content in changes:
            if content is None:
                w(b"D %s\n" % path.encode())
            else:
                w(b"M 100644 inline %s\n" % path.encode())
                self.data(content.encode())
        w(b"\n")
        return self.mark

    def tag(self, name, mark):
        self.pipe.write(b"reset refs/tags/%s\nfrom :%d\n\n" % (name.encode(), mark))


AUTHORS = ["Ana Souza <ana@example.com>", "Bruno Lima <bruno@example.com>",
           "Carla Dias <carla@example.com>", "Diego Alves <diego@example.com>",
           "Eva Nunes <eva@example.com>", "Fabio Rocha <fabio@example.com>"]


class Project:
    """A few hundred source files held as lists of lines, edited a little per commit."""

    def __init__(self, rng, writer, nfiles):
        self.rng = rng
        self.writer = writer
        exts = [k for k in FILE_KINDS if k[1] in ("py", "js", "ts", "go", "java", "yaml", "json",
                                                  "md", "toml", "sh")]
        weights = [w for _, _, w in exts]
        self.files = {}
        for i in range(nfiles):
            ext, family, _ = rng.choices(exts, weights=weights)[0]
            path = name_for(rng, ext, i)
            text = writer.content(family, f"h{i:x}", min(20_000, int(rng.lognormvariate(8.2, 0.7))))
            self.files[path] = (family, text.split("\n"))

    def copy(self):
        p = Project.__new__(Project)
        p.rng, p.writer = self.rng, self.writer
        p.files = {k: (fam, list(lines)) for k, (fam, lines) in self.files.items()}
        return p

    def edit(self, path):
        r = self.rng
        family, lines = self.files[path]
        fresh = r.choice(self.writer.pools[family]).replace("@@", "e%x" % r.getrandbits(20))
        fresh = fresh.split("\n")[1:r.randint(2, 6)]
        at = r.randrange(len(lines) + 1)
        op = r.random()
        if op < 0.45:
            lines[at:at] = fresh
        elif op < 0.8 and len(lines) > 8:
            lines[at:at + len(fresh)] = fresh
        elif len(lines) > 8:
            del lines[at:at + r.randint(1, 4)]
        else:
            lines[at:at] = fresh
        return "\n".join(lines)


def make_history(out, commits, seed):
    rng = random.Random(seed)
    writer = TreeWriter(rng, pool_size=200)
    project = Project(rng, writer, nfiles=300)
    os.makedirs(out, exist_ok=True)
    git(out, "init", "-q", "-b", "main")
    proc = subprocess.Popen(["git", "-C", out, "fast-import", "--quiet", "--done"],
                            stdin=subprocess.PIPE)
    fi = FastImport(proc.stdin)
    when = 1_600_000_000
    # Secrets: added on some commit, removed some commits later (a few stay, as in life).
    plant_at = sorted(rng.sample(range(10, commits - 10), 40))
    pending = {}  # commit index -> list of (path, line) to remove
    planted = {}
    branch_points = {commits * k // 7: f"feature/{rng.choice(NOUNS)}-{k}" for k in (2, 4, 6)}
    branch_len = max(10, commits // 100)

    def commit_on(proj, ref, parent, extra=()):
        nonlocal when
        when += rng.randint(60, 7200)
        touched = {p for p, _ in extra}
        paths = [p for p in rng.sample(list(proj.files), rng.randint(1, 5)) if p not in touched]
        changes = list(extra) + [(p, proj.edit(p)) for p in paths]
        msg = f"{rng.choice(VERBS)} {rng.choice(NOUNS)}: {Filler(rng).expand('{{words}}')}\n"
        return fi.commit(ref, when, rng.choice(AUTHORS), msg, parent, changes)

    first = [(p, "\n".join(lines)) for p, (_, lines) in project.files.items()]
    head = fi.commit("refs/heads/main", when, AUTHORS[0], "initial import\n", 0, first)
    made, i = 1, 0
    while made < commits:
        i += 1
        extra = {}
        for path, line in pending.pop(i, []):
            lines = project.files[path][1]
            if line in lines:
                lines.remove(line)
            extra[path] = "\n".join(lines)
        if plant_at and plant_at[0] == i:
            plant_at.pop(0)
            kind = rng.choice(SECRET_KINDS)
            secret = fake_secret(rng, kind)
            path = rng.choice(list(project.files))
            lines = project.files[path][1]
            lines.insert(rng.randrange(len(lines) + 1), secret)
            extra[path] = "\n".join(lines)
            planted[kind] = planted.get(kind, 0) + 1
            if rng.random() < 0.85:
                pending.setdefault(i + rng.randint(1, 500), []).append((path, secret))
        head = commit_on(project, "refs/heads/main", head, list(extra.items()))
        made += 1
        if i in branch_points:
            fork, parent = project.copy(), head
            for _ in range(min(branch_len, commits - made)):
                parent = commit_on(fork, "refs/heads/" + branch_points[i], parent)
                made += 1
        if i % 2000 == 0:
            fi.tag(f"v1.{i // 2000}.0", head)
    proc.stdin.write(b"done\n")
    proc.stdin.close()
    if proc.wait() != 0:
        sys.exit("fast-import failed")
    git(out, "reset", "-q", "--hard", "main")
    git(out, "repack", "-adq", "--window=10", "--depth=50")
    return {"commits": made, "files": len(project.files), "planted": planted, "seed": seed}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("what", choices=["tree", "history"])
    ap.add_argument("dir")
    ap.add_argument("amount", type=int, help="SIZE_MB for tree, COMMITS for history")
    ap.add_argument("--seed", type=int, default=20240601)
    a = ap.parse_args()
    if os.path.exists(a.dir):
        sys.exit(f"{a.dir}: already exists")
    os.makedirs(a.dir)
    summary = make_tree(a.dir, a.amount, a.seed) if a.what == "tree" else \
        make_history(a.dir, a.amount, a.seed)
    json.dump(summary, sys.stdout)
    print()


if __name__ == "__main__":
    main()
