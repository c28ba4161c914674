#!/usr/bin/env python3
"""A slow, approximate re-implementation of the secret scanner in Python, for checking the
rule file and the generated corpus against each other (not a substitute for the engine).

  reference_scan.py RULES.yaml REPO LABELS.json

Applies each detector's regex, paths, file_requires, allow lists, stopwords, a placeholder
check, entropy, length, checksums and base64_value to the working tree and to every unique
blob in history, decodes base64/hex/percent runs one level deep, then prints recall and
precision against the labels with the misses and false positives by kind. Exit 1 when
either is below 0.95.
"""
import base64
import binascii
import fnmatch
import json
import math
import re
import subprocess
import sys
import urllib.parse
import zlib
from collections import Counter

import yaml

BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def glob_match(pattern, path):
    if pattern.startswith("**/") and glob_match(pattern[3:], path):
        return True
    regex = re.escape(pattern).replace(r"\*\*/", "(?:.*/)?").replace(r"\*\*", ".*").replace(r"\*", "[^/]*")
    return re.fullmatch(regex.replace(r"\?", "[^/]"), path) is not None


def entropy(s):
    counts = Counter(s)
    return -sum(n / len(s) * math.log2(n / len(s)) for n in counts.values()) if s else 0.0


def looks_like_placeholder(v):
    low = v.lower()
    if re.search(r"example|xxxx|\*\*\*\*|changeme|your[_-]|<[^>]*>|\$\{|\{\{|^\$|os\.environ|process\.env|getenv", low):
        return True
    if len(set(v)) == 1 or "0123456789" in v or "abcdef" in low:
        return True
    return False


def crc_ok(token):
    body = token.split("_", 1)[1]
    n, out = zlib.crc32(body[:-6].encode()), ""
    while n:
        n, r = divmod(n, 62)
        out = BASE62[r] + out
    return out.rjust(6, "0") == body[-6:]


def jwt_ok(token):
    try:
        parts = token.split(".")
        dec = [json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4))) for p in parts[:2]]
        return isinstance(dec[0], dict) and isinstance(dec[1], dict) and "alg" in dec[0]
    except Exception:
        return False


class Scanner:
    def __init__(self, rules_path):
        doc = yaml.safe_load(open(rules_path, encoding="utf-8"))
        self.detectors = doc["detectors"]
        for d in self.detectors:
            d["_re"] = re.compile(d["regex"], re.M)
            d["_allow"] = [re.compile(a) for a in d.get("allow") or []]
        al = doc.get("allowlist") or {}
        self.path_globs = al.get("paths") or []
        self.allow = [re.compile(r) for r in al.get("regexes") or []]
        self.stopwords = [w.lower() for w in al.get("stopwords") or []]

    def passes(self, d, v):
        if d.get("base64_value"):
            try:
                v = base64.b64decode(v + "=" * (-len(v) % 4), validate=True).decode()
            except Exception:
                return False
        if len(v) < d.get("min_length", 0) or (d.get("max_length") and len(v) > d["max_length"]):
            return False
        if entropy(v) < d.get("entropy", 0):
            return False
        if d.get("checksum") == "crc32_base62" and not crc_ok(v):
            return False
        if d.get("checksum") == "jwt" and not jwt_ok(v):
            return False
        if d.get("placeholder_check", True) and looks_like_placeholder(v):
            return False
        if any(a.search(v) for a in d["_allow"] + self.allow):
            return False
        return not any(w in v.lower() for w in self.stopwords)

    def scan_text(self, text, path, full_text=None):
        full_text = full_text if full_text is not None else text
        hits = []
        for d in self.detectors:
            if d.get("paths") and not any(glob_match(p, path) for p in d["paths"]):
                continue
            if d.get("file_requires") and not re.search(d["file_requires"], full_text, re.M):
                continue
            for m in d["_re"].finditer(text):
                g = d.get("group", 1)
                v = m.group(g)
                if v is None or not self.passes(d, v):
                    continue
                hits.append((d, m.start(g)))
        return hits

    def scan_file(self, text, path):
        if any(glob_match(g, path) for g in self.path_globs):
            return []
        out = []
        lines = text.split("\n")
        line_of = lambda off: text.count("\n", 0, off) + 1
        for d, off in self.scan_text(text, path):
            if "shipcheck:allow" in lines[line_of(off) - 1]:
                continue
            out.append((d["id"], d["rule"], line_of(off)))
        for m in re.finditer(r"[A-Za-z0-9+/_-]{24,}={0,2}|(?:[0-9a-fA-F]{2}){16,}|(?:[^\s%]*%[0-9A-Fa-f]{2}){3,}[^\s]*", text):
            run = m.group(0)
            for decoded in decode(run):
                for d, _ in self.scan_text(decoded, path, text):
                    out.append((d["id"], d["rule"], line_of(m.start())))
        return out


def decode(run):
    out = []
    if "%" in run:
        out.append(urllib.parse.unquote(run))
        return out
    if re.fullmatch(r"(?:[0-9a-fA-F]{2})+", run):
        try:
            out.append(binascii.unhexlify(run).decode())
        except Exception:
            pass
    try:
        raw = base64.b64decode(run.replace("-", "+").replace("_", "/") + "=" * (-len(run) % 4))
        text = raw.decode()
        if text.isprintable():
            out.append(text)
    except Exception:
        pass
    return out


def git(repo, *args):
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True).stdout


def scan_repo(scanner, repo):
    findings = []
    worktree = set()
    for path in git(repo, "ls-files").split("\n"):
        if path:
            text = open(f"{repo}/{path}", encoding="utf-8", errors="replace").read()
            for f in scanner.scan_file(text, path):
                findings.append({"file": path, "line": f[2], "rule": f[1], "id": f[0], "commit": ""})
                worktree.add((path, f[2], f[0]))
    seen = set()
    for commit in git(repo, "rev-list", "--all", "--reverse", "--topo-order").split():
        for row in git(repo, "ls-tree", "-r", commit).split("\n"):
            if not row:
                continue
            meta, path = row.split("\t", 1)
            oid = meta.split()[2]
            if oid in seen:
                continue
            seen.add(oid)
            text = git(repo, "cat-file", "blob", oid)
            for f in scanner.scan_file(text, path):
                if (path, f[2], f[0]) not in worktree:
                    findings.append({"file": path, "line": f[2], "rule": f[1], "id": f[0], "commit": commit})
    return findings


def matches(label, finding):
    if label["file"] != finding["file"]:
        return False
    if not label["line"] <= finding["line"] <= label.get("end_line", label["line"]):
        return False
    return bool(finding["commit"]) if label["history_only"] else True


def main(argv):
    rules, repo, labels_path = argv
    labels = json.load(open(labels_path, encoding="utf-8"))
    findings = scan_repo(Scanner(rules), repo)
    planted = labels["planted"]
    found = [p for p in planted if any(matches(p, f) for f in findings)]
    good = [f for f in findings if any(matches(p, f) for p in planted)]
    recall = len(found) / len(planted)
    precision = len(good) / len(findings) if findings else 0.0
    print(f"recall {recall:.3f} ({len(found)}/{len(planted)})  precision {precision:.3f} ({len(good)}/{len(findings)})")
    for p in planted:
        if p not in found:
            print(f"  miss: {p['kind']} {p['file']}:{p['line']}{' (history)' if p['history_only'] else ''}")
    negatives = {(n["file"], n["line"]): n["kind"] for n in labels["negatives"]}
    for f in findings:
        if f not in good:
            kind = negatives.get((f["file"], f["line"]), "unlabeled")
            print(f"  false positive: {f['id']} on {kind} at {f['file']}:{f['line']}")
    wrong_rule = [(p["kind"], p["rule"], f["rule"]) for p in planted for f in findings
                  if matches(p, f) and p["rule"] != f["rule"]]
    for kind, want, got in sorted(set(wrong_rule)):
        print(f"  note: {kind} labeled {want}, also reported as {got}")
    return 0 if recall >= 0.95 and precision >= 0.95 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
