#!/usr/bin/env python3
"""ci_check.py: check plan-validate's gitlab or junit report of a plan set
against the published schema (schemas/README.md) and against the same run's
json report: one issue or testcase per diagnostic, the counts alike.

Usage: ci_check.py gitlab|junit REPORT JSON_REPORT SCHEMA
Exit status 0 when it holds, 1 when it does not or a tool is missing."""
import json
import sys


def fail(msg):
    print("ci_check.py: " + msg, file=sys.stderr)
    sys.exit(1)


def check_gitlab(report, diags, schema_path):
    try:
        import jsonschema
    except ImportError:
        fail("python3-jsonschema is missing (apt-get install python3-jsonschema)")
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    validator = jsonschema.Draft7Validator(schema)
    if not isinstance(report, list):
        fail("the report is not a JSON array")
    if len(report) != len(diags):
        fail("%d issues for %d diagnostics" % (len(report), len(diags)))
    seen = set()
    for i, issue in enumerate(report):
        errors = sorted(validator.iter_errors(issue), key=str)
        if errors:
            fail("issue %d breaks GitLab's schema: %s" % (i, errors[0].message))
        # What the schema leaves open and GitLab's widget needs.
        if not isinstance(issue.get("check_name"), str) or not issue["check_name"]:
            fail("issue %d has no check_name" % i)
        if issue["severity"] not in ("info", "minor", "major", "critical", "blocker"):
            fail("issue %d: severity %r" % (i, issue["severity"]))
        begin = issue["location"].get("lines", {}).get("begin")
        if not isinstance(begin, int) or begin < 1:
            fail("issue %d has no location.lines.begin" % i)
        path = issue["location"].get("path", "")
        if not path or path.startswith("/"):
            fail("issue %d: path %r is not relative" % (i, path))
        if issue["fingerprint"] in seen:
            fail("issue %d: fingerprint %s twice" % (i, issue["fingerprint"]))
        seen.add(issue["fingerprint"])
        d = diags[i]
        if issue["check_name"] != d["rule"] or issue["description"] != d["message"]:
            fail("issue %d is not diagnostic %d" % (i, i))


def check_junit(report_path, diags):
    import xml.etree.ElementTree as ET
    root = ET.parse(report_path).getroot()
    if root.tag != "testsuites":
        fail("the root element is <%s>" % root.tag)
    failures = sum(1 for d in diags if d["severity"] == "error")
    if int(root.get("failures")) != failures:
        fail("failures=%s, but %d errors" % (root.get("failures"), failures))
    cases = root.findall("./testsuite/testcase")
    if int(root.get("tests")) != len(cases):
        fail("tests=%s, but %d testcases" % (root.get("tests"), len(cases)))
    for suite in root.findall("testsuite"):
        n = len(suite.findall("testcase"))
        f = len(suite.findall("testcase/failure"))
        if int(suite.get("tests")) != n or int(suite.get("failures")) != f:
            fail("suite %r counts %s/%s, holds %d/%d" % (suite.get("name"),
                 suite.get("tests"), suite.get("failures"), n, f))
    if len(root.findall(".//failure")) != failures:
        fail("%d <failure> for %d errors" % (len(root.findall(".//failure")), failures))


def main():
    if len(sys.argv) != 5:
        fail("usage: ci_check.py gitlab|junit REPORT JSON_REPORT SCHEMA")
    kind, report_path, json_path, schema_path = sys.argv[1:]
    with open(json_path, encoding="utf-8") as f:
        diags = json.load(f)["diagnostics"]
    if kind == "gitlab":
        with open(report_path, encoding="utf-8") as f:
            check_gitlab(json.load(f), diags, schema_path)
    else:
        check_junit(report_path, diags)


main()
