#!/usr/bin/python3
"""Validates a JSON file against a JSON Schema; used by the report tests.

The schema's "$schema" picks the draft (draft-07 for SARIF 2.1.0, 2020-12 when absent);
"$ref"s into the schema's own definitions resolve locally, nothing is fetched. "format"
is asserted for the formats the installed checkers know (date-time, email, ipv4, ...).

Usage: validate_json_schema.py SCHEMA FILE
Exit status: 0 valid, 1 invalid (each error printed with its JSON path), 2 unusable input.
"""
import json
import sys

import jsonschema


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
        validator_class(schema, format_checker=validator_class.FORMAT_CHECKER).iter_errors(
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
