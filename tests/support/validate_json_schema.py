#!/usr/bin/python3
"""Validates a JSON file against a JSON Schema; used by the report tests.

The schema's "$schema" picks the draft (draft-07 for SARIF 2.1.0, 2020-12 when absent);
"$ref"s into the schema's own definitions resolve locally, nothing is fetched. "format" is
asserted: date-time, uri and uri-reference always (checked here when the optional Python
checkers are not installed), other formats when jsonschema has a checker for them.

Usage: validate_json_schema.py SCHEMA FILE
Exit status: 0 valid, 1 invalid (each error printed with its JSON path), 2 unusable input.
"""
import datetime
import json
import re
import sys

import jsonschema

# RFC 3339 section 5.6.
DATE_TIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"
)
# RFC 3986: the characters a URI may hold; '%' only as the start of an escape.
URI_REFERENCE = re.compile(r"^([A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")
URI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def is_date_time(text):
    if not isinstance(text, str):
        return True
    if not DATE_TIME.match(text):
        return False
    try:
        datetime.datetime.fromisoformat(text.upper().replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def is_uri_reference(text):
    return not isinstance(text, str) or bool(URI_REFERENCE.match(text))


def is_uri(text):
    return not isinstance(text, str) or (is_uri_reference(text) and bool(URI_SCHEME.match(text)))


def format_checker():
    checker = jsonschema.FormatChecker()
    fallbacks = {"date-time": is_date_time, "uri": is_uri, "uri-reference": is_uri_reference}
    for name, check in fallbacks.items():
        if name not in checker.checkers:
            checker.checks(name)(check)
    return checker


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        schema = load(argv[1])
        document = load(argv[2])
    except (OSError, ValueError) as e:
        print(f"cannot read input: {e}", file=sys.stderr)
        return 2
    validator_class = jsonschema.validators.validator_for(
        schema, default=jsonschema.Draft202012Validator
    )
    try:
        validator_class.check_schema(schema)
    except jsonschema.exceptions.SchemaError as e:
        print(f"{argv[1]}: not a valid schema: {e.message}", file=sys.stderr)
        return 2
    errors = sorted(
        validator_class(schema, format_checker=format_checker()).iter_errors(
            document
        ),
        key=lambda e: list(map(str, e.absolute_path)),
    )
    for error in errors:
        path = "/".join(str(p) for p in error.absolute_path) or "(root)"
        print(f"{argv[2]}: at {path}: {error.message}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
