"""The GitHub workflows, templates and pre-commit hooks: valid, and calling the commands CI runs."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from sitegen.cli import _parser
from tests.contrib import REPO, clone_of_main

WORKFLOWS = REPO / ".github" / "workflows"


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    if True in data:  # YAML 1.1 reads the key `on` as true
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def runs(workflow: dict[str, Any]) -> list[str]:
    return [step["run"].strip() for step in steps(workflow) if "run" in step]


def ci_commands() -> list[str]:
    """The commands .ci/run runs (what CI runs on every change)."""
    lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    commands = [re.sub(r"^exec\s+", "", line.strip()) for line in lines if re.match(r"\s*(exec\s+)?scripts/", line)]
    assert commands, ".ci/run calls no script"
    return commands


def assert_sitegen_command(command: str) -> None:
    """A `python -m sitegen ...` command line our own parser accepts (so its options exist)."""
    words = shlex.split(re.sub(r"\$\{\{[^}]*\}\}", "main", command))
    at = words.index("sitegen")
    assert words[at - 1] == "-m", command
    _parser(words[at + 1:]).parse_args(words[at + 1:])


@pytest.fixture(scope="module")
def pull_request() -> dict[str, Any]:
    return load(WORKFLOWS / "pull-request.yml")


@pytest.fixture(scope="module")
def pages() -> dict[str, Any]:
    return load(WORKFLOWS / "pages.yml")


def test_every_workflow_is_valid_yaml_with_jobs() -> None:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [f.name for f in files] == ["pages.yml", "pull-request.yml", "verify.yml"]
    for path in files:
        workflow = load(path)
        assert {"name", "on", "jobs"} <= set(workflow), path
        for step in steps(workflow):
            assert ("run" in step) != ("uses" in step), (path, step)


def test_pull_request_workflow_runs_what_ci_runs(pull_request: dict[str, Any]) -> None:
    assert "pull_request" in pull_request["on"]
    commands = runs(pull_request)
    for command in ci_commands():
        assert command in commands, f"the pull-request workflow does not run {command!r}, which .ci/run runs"


def test_pull_request_workflow_installs_as_the_scripts_do(pull_request: dict[str, Any]) -> None:
    install = next(step["run"] for step in steps(pull_request) if step.get("name") == "Install")
    script = (REPO / "scripts" / "test").read_text(encoding="utf-8").splitlines()
    for part in install.split("&&"):
        assert part.strip() in script, f"{part.strip()!r} is not how scripts/test installs"


def test_pull_request_workflow_checks_the_changed_records_as_annotations(pull_request: dict[str, Any]) -> None:
    checks = [c for c in runs(pull_request) if " sitegen check" in c]
    assert checks == [".venv/bin/python -m sitegen check --changed --base origin/${{ github.base_ref }} --format github"]
    assert_sitegen_command(checks[0])
    checkout = next(step for step in steps(pull_request) if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the merge-base needs the history
    # Every check runs even when one before it failed, so all problems show at once.
    run_steps = [step for step in steps(pull_request) if "run" in step]
    after_install = run_steps[[step.get("name") for step in run_steps].index("Install") + 1:]
    assert all(step.get("if") == "${{ !cancelled() }}" for step in after_install)


def test_pull_request_workflow_builds_the_site(pull_request: dict[str, Any]) -> None:
    assert "scripts/setup" in runs(pull_request)
    assert "sitegen build" in (REPO / "scripts" / "setup").read_text(encoding="utf-8")


def test_pages_workflow_builds_on_main_and_deploys(pages: dict[str, Any]) -> None:
    assert pages["on"]["push"]["branches"] == ["main"]
    assert pages["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert "scripts/setup" in runs(pages)
    uses = [step["uses"] for step in steps(pages) if "uses" in step]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    upload = next(step for step in steps(pages) if step.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"  # where `sitegen build` writes
    assert pages["jobs"]["deploy"]["needs"] == "build"
    assert pages["jobs"]["deploy"]["environment"]["name"] == "github-pages"


def test_every_workflow_follows_githubs_schema(tmp_path: Path) -> None:
    """GitHub's published schema for workflow files, as check-jsonschema ships it (no network)."""
    files = sorted(str(path) for path in WORKFLOWS.glob("*.yml"))
    done = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", *files],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    broken = tmp_path / "broken.yml"
    broken.write_text("name: x\non:\n  schedule: weekly\njobs: {}\n", encoding="utf-8")
    again = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(broken)],
                           capture_output=True, text=True)
    assert again.returncode == 1  # the check can fail


@pytest.fixture(scope="module")
def verify() -> dict[str, Any]:
    return load(WORKFLOWS / "verify.yml")


def test_verify_workflow_runs_weekly_and_keeps_one_issue_with_the_report(verify: dict[str, Any]) -> None:
    [schedule] = verify["on"]["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month) == ("*", "*") and weekday.isdigit() and minute.isdigit() and hour.isdigit()  # once a week
    assert "workflow_dispatch" in verify["on"]
    assert verify["permissions"] == {"contents": "read", "issues": "write"}
    [command] = [c for c in runs(verify) if " sitegen " in c]
    assert command == '.venv/bin/python -m sitegen verify --mailto "${{ vars.VERIFY_MAILTO }}" --output verify-report.txt'
    assert_sitegen_command(command)
    step = next(s for s in steps(verify) if s.get("run") == command)
    assert step["continue-on-error"] is True
    cache = next(s for s in steps(verify) if s.get("uses", "").startswith("actions/cache@"))
    assert cache["with"]["path"] == ".cache/sitegen/verify"  # where sitegen verify keeps its answers
    issue = next(s for s in steps(verify) if "gh issue" in s.get("run", ""))
    assert issue["if"] == "${{ !cancelled() }}"
    assert "verify-report.txt" in issue["run"]
    assert "gh issue list --label verification --state open" in issue["run"]
    assert "gh issue edit" in issue["run"] and "gh issue create" in issue["run"]


def test_every_sitegen_command_in_a_workflow_parses() -> None:
    for path in WORKFLOWS.glob("*.yml"):
        for command in runs(load(path)):
            if "sitegen" in command:
                assert_sitegen_command(command)


def test_issue_form_is_a_valid_github_form() -> None:
    form = yaml.safe_load((REPO / ".github/ISSUE_TEMPLATE/suggest-paper.yml").read_text(encoding="utf-8"))
    assert {"name", "description", "body"} <= set(form)
    ids = []
    for element in form["body"]:
        assert element["type"] in {"markdown", "textarea", "input", "dropdown", "checkboxes"}
        if element["type"] == "markdown":
            assert element["attributes"]["value"].strip()
            continue
        ids.append(element["id"])
        assert element["attributes"]["label"].strip()
    assert len(ids) == len(set(ids))
    assert "link" in ids


def test_pull_request_template_names_the_check() -> None:
    text = (REPO / ".github/PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    assert "python -m sitegen check --changed" in text
    assert "- [ ]" in text


@pytest.fixture(scope="module")
def hooks() -> list[dict[str, Any]]:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    return config["repos"][0]["hooks"]


def test_pre_commit_hooks_run_fmt_and_check(hooks: list[dict[str, Any]]) -> None:
    assert [hook["id"] for hook in hooks] == ["sitegen-fmt", "sitegen-check"]
    for hook in hooks:
        assert hook["language"] == "system"
        assert_sitegen_command(hook["entry"] + (" papers/x.yaml" if hook.get("pass_filenames", True) else ""))
        re.compile(hook["files"])


def test_pre_commit_hooks_pass_on_a_new_valid_record(hooks: list[dict[str, Any]], tmp_path: Path) -> None:
    """Each hook's entry, run as pre-commit runs it (with the staged record files when it takes them)."""
    repo = clone_of_main(tmp_path / "kd")
    record = (repo / "papers/park2019relational.yaml").read_text().replace("park2019relational", "park2019relational-2")
    (repo / "papers/park2019relational-2.yaml").write_text(record.replace("scope: core", "distinct_from: [park2019relational]\nscope: core"))
    staged = ["papers/park2019relational-2.yaml"]
    for hook in hooks:
        files = [f for f in staged if re.search(hook["files"], f)] if hook.get("pass_filenames", True) else []
        command = [sys.executable if word == "python" else word for word in shlex.split(hook["entry"])] + files
        done = subprocess.run(command, cwd=repo, capture_output=True, text=True)
        assert done.returncode == 0, (hook["id"], done.stdout, done.stderr)
