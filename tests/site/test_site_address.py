"""The site's public address: given, or derived in GitHub Actions, or none; never guessed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.errors import DataError, UsageError
from sitegen.site import urls
from sitegen.site.address import site_url

ACTIONS = {"GITHUB_ACTIONS": "true", "GITHUB_SERVER_URL": "https://github.com"}


@pytest.mark.parametrize(
    "given, env, expected",
    [
        pytest.param("https://kd.example.org/bib", {}, "https://kd.example.org/bib/", id="given_gets_a_final_slash"),
        pytest.param("HTTPS://KD.Example.org/", {}, "https://kd.example.org/", id="host_lower_case"),
        pytest.param(None, {"SITE_URL": "http://127.0.0.1:8000/kd-bib/"}, "http://127.0.0.1:8000/kd-bib/", id="site_url_variable"),
        pytest.param("https://a.example.org/", {"SITE_URL": "https://b.example.org/"}, "https://a.example.org/", id="option_before_variable"),
        pytest.param(None, {**ACTIONS, "GITHUB_REPOSITORY": "KD-Lab/kd-bib"}, "https://kd-lab.github.io/kd-bib/", id="project_site"),
        pytest.param(None, {**ACTIONS, "GITHUB_REPOSITORY": "kd-lab/KD-Lab.github.io"}, "https://kd-lab.github.io/", id="user_site"),
        pytest.param(None, {**ACTIONS, "GITHUB_SERVER_URL": "https://git.example.org", "GITHUB_REPOSITORY": "a/b"}, None, id="enterprise_server_unknown"),
        pytest.param(None, {"GITHUB_REPOSITORY": "kd-lab/kd-bib"}, None, id="not_in_actions"),
        pytest.param(None, {}, None, id="local_build"),
    ],
)
def test_site_url(given: str | None, env: dict[str, str], expected: str | None, tmp_path: Path) -> None:
    assert site_url(given, [tmp_path], env) == expected


def test_cname_file_gives_the_custom_domain(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "CNAME").write_text("KD.example.org\n", encoding="utf-8")
    env = {**ACTIONS, "GITHUB_REPOSITORY": "kd-lab/kd-bib"}
    assert site_url(None, [tmp_path], env) == "https://kd.example.org/"
    assert site_url(None, [tmp_path], {}) is None  # outside Actions nothing is derived


def test_bad_cname_file_is_reported_with_its_path(tmp_path: Path) -> None:
    (tmp_path / "CNAME").write_text("https://kd.example.org/\n", encoding="utf-8")
    with pytest.raises(DataError) as raised:
        site_url(None, [tmp_path], {**ACTIONS, "GITHUB_REPOSITORY": "a/b"})
    assert raised.value.problems[0].format() == (
        f"{tmp_path / 'CNAME'}:1:1: error: 'https://kd.example.org/' is not a host name such as kd.example.org; "
        "the CNAME file holds the site's custom domain alone"
    )


@pytest.mark.parametrize(
    "given",
    [
        pytest.param("kd.example.org/bib/", id="no_scheme"),
        pytest.param("ftp://kd.example.org/", id="not_http"),
        pytest.param("https://user:secret@kd.example.org/", id="credentials"),
        pytest.param("https://kd.example.org/?a=1", id="query"),
        pytest.param("https://kd.example.org:http/", id="bad_port"),
    ],
)
def test_bad_address_is_a_usage_error(given: str) -> None:
    with pytest.raises(UsageError, match=re.escape(f"--site-url '{given}': ")):
        site_url(given, [], {})


def test_build_refuses_a_bad_address_with_exit_code_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.site.conftest import make_tiny_collection

    root = make_tiny_collection(tmp_path / "collection")
    assert main(["--root", str(root), "build", "--site-url", "ftp://x/", "--site-dir", str(tmp_path / "site")]) == 2
    assert capsys.readouterr().err == (
        "sitegen build: --site-url 'ftp://x/': not an http(s) address such as https://owner.github.io/repository/\n"
    )
    assert not (tmp_path / "site").exists()


def test_absolute_links_for_what_is_read_away_from_the_site() -> None:
    assert urls.absolute(urls.paper("hinton2015distilling"), "https://kd-lab.github.io/kd-bib/") == (
        "https://kd-lab.github.io/kd-bib/papers/hinton2015distilling/"
    )
    assert urls.absolute(urls.HOME, "https://kd.example.org/") == "https://kd.example.org/"
