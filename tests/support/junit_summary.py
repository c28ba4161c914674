#!/usr/bin/env python3
"""Parses a JUnit XML report back (Python's own XML parser) and checks its shape: a
<testsuites> root whose <testsuite> children hold <testcase> elements with name, classname
and time, each with at most one of <failure>, <error> or <skipped>, and every count
attribute equal to what the elements say. Prints a JSON summary on success; exits 1 with
the first problem otherwise."""
import json
import sys
import xml.etree.ElementTree as ET


def fail(message):
    print(message)
    sys.exit(1)


def outcome(case):
    kinds = [child.tag for child in case if child.tag in ("failure", "error", "skipped")]
    if len(kinds) > 1:
        fail(f"testcase {case.get('name')!r} has {kinds}")
    return kinds[0] if kinds else "passed"


def main(path):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        fail(f"not well-formed XML: {e}")
    if root.tag != "testsuites":
        fail(f"root is <{root.tag}>, not <testsuites>")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    failed = []
    for suite in root:
        if suite.tag != "testsuite":
            fail(f"<{suite.tag}> under <testsuites>")
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for case in suite:
            if case.tag != "testcase":
                fail(f"<{case.tag}> under <testsuite>")
            for attribute in ("name", "classname", "time"):
                if not case.get(attribute):
                    fail(f"testcase without {attribute}")
            float(case.get("time"))
            counts["tests"] += 1
            kind = outcome(case)
            key = {"failure": "failures", "error": "errors", "skipped": "skipped"}.get(kind)
            if key:
                counts[key] += 1
            if kind in ("failure", "error"):
                failed.append(case.get("name"))
        for key, value in counts.items():
            if int(suite.get(key, "-1")) != value:
                fail(f"suite {suite.get('name')!r}: {key}={suite.get(key)}, elements say {value}")
            totals[key] += value
    for key, value in totals.items():
        if int(root.get(key, "-1")) != value:
            fail(f"testsuites: {key}={root.get(key)}, elements say {value}")
    print(json.dumps({**totals, "failed": failed,
                      "suites": [suite.get("name") for suite in root]}))


if __name__ == "__main__":
    main(sys.argv[1])
