"""`sitegen verify` against arXiv, Crossref and dblp as recorded: the warnings, the pauses, the
cache, the services that fail, and --changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.contrib import closed_port, git
from tests.verify.conftest import Clock

PAPERS = ["papers/furlanello2018born.yaml", "papers/hinton2015distilling.yaml", "papers/smith2020preprint.yaml",
          "papers/you2019large.yaml", "papers/zhou2019understanding.yaml", "papers/zhu2018knowledge.yaml"]

ALL_SOURCES = """\
papers/furlanello2018born.yaml:2:5: warning: arxiv: none here; dblp links the arXiv version 1805.04770 (https://dblp.org/rec/journals/corr/abs-1805-04770)
papers/furlanello2018born.yaml:3:8: warning: title: other capitals on dblp: 'Born Again Neural Networks' (https://dblp.org/rec/conf/icml/FurlanelloLTIA18)
papers/hinton2015distilling.yaml:3:8: warning: title: other capitals on arXiv: 'Distilling the Knowledge in a Neural Network' (https://arxiv.org/abs/1503.02531)
papers/hinton2015distilling.yaml:3:8: warning: title: other capitals on dblp: 'Distilling the Knowledge in a Neural Network' (https://dblp.org/rec/journals/corr/HintonVD15)
papers/smith2020preprint.yaml:4:8: warning: title: dblp has no entry with this title (searched: A preprint that arXiv has never heard of)
papers/smith2020preprint.yaml:10:8: warning: arxiv: arXiv has no paper 2412.99999 (see https://arxiv.org/abs/2412.99999)
papers/you2019large.yaml:3:8: warning: title: other capitals on dblp: 'Large Batch Optimization for Deep Learning: Training BERT in 76 minutes' (https://dblp.org/rec/conf/iclr/YouLRHKBSDKH20)
papers/you2019large.yaml:11:8: warning: authors: the list here stops after 6 (et_al); 10 on dblp: You, Yang; Li, Jing; Reddi, Sashank; Hseu, Jonathan; Kumar, Sanjiv; Bhojanapalli, Srinadh; Song, Xiaodan; Demmel, James; Keutzer, Kurt; Hsieh, Cho-Jui (https://dblp.org/rec/conf/iclr/YouLRHKBSDKH20)
papers/you2019large.yaml:12:7: warning: year: 2019 here, 2020 on dblp (https://dblp.org/rec/conf/iclr/YouLRHKBSDKH20)
papers/zhou2019understanding.yaml:3:8: warning: title: other capitals on dblp: 'Understanding Knowledge Distillation in Non-autoregressive Machine Translation' (https://dblp.org/rec/conf/iclr/ZhouGN20)
papers/zhou2019understanding.yaml:5:3: warning: authors: another order on dblp: Zhou, Chunting; Gu, Jiatao; Neubig, Graham (https://dblp.org/rec/conf/iclr/ZhouGN20)
papers/zhou2019understanding.yaml:8:7: warning: year: 2019 here, 2020 on dblp (https://dblp.org/rec/conf/iclr/ZhouGN20)
papers/zhu2018knowledge.yaml:3:8: warning: title: other capitals on dblp: 'Knowledge Distillation by On-the-Fly Native Ensemble' (https://dblp.org/rec/conf/nips/LanZG18)
papers/zhu2018knowledge.yaml:5:3: warning: authors: 2 here, 3 on dblp: Lan, Xu; Zhu, Xiatian; Gong, Shaogang (https://dblp.org/rec/conf/nips/LanZG18)
"""


def test_every_disagreement_is_a_warning_with_the_source_value(root: Path, services, clock: Clock, sitegen) -> None:
    result = sitegen("verify", *PAPERS)
    assert (result.code, result.out) == (0, ALL_SOURCES)
    assert result.err == "verified 6 records, 5 found by a service (9 requests, 0 from the cache): 0 errors, 14 warnings in 6 files: disagreements\n"


def test_each_service_is_asked_at_its_pace_and_waits_when_told(root: Path, services, clock: Clock, sitegen) -> None:
    sitegen("verify", *PAPERS)
    batch = "/arxiv/api/query?id_list=1503.02531,2412.99999,1911.02727&max_results=3"
    assert services.requests[:2] == [batch, batch]  # one batch of ids, asked again after "Rate exceeded."
    assert [r.split("?q=")[1].split("&")[0] for r in services.requests[2:]] == [
        "Born+again+neural+networks", "Distilling+the+knowledge+in+a+neural+network", "A+preprint+that+arXiv+has+never+heard+of",
        "Large+batch+optimization+for+deep+learning+Training+BERT+in+76+minutes",
        "Understanding+knowledge+distillation+in+non+autoregressive+machine+translation",
        "Knowledge+distillation+by+on+the+fly+native+ensemble", "Knowledge+distillation+by+on+the+fly+native+ensemble",
    ]
    # arXiv: 3 s after its 503; dblp: 4 s between searches, then the 7 s its 429 asked for.
    assert clock.sleeps == [3.0, 4.0, 4.0, 4.0, 4.0, 4.0, 7.0]


def test_crossref_in_the_polite_pool_not_found_and_rate_limited(root: Path, services, clock: Clock, sitegen) -> None:
    result = sitegen("verify", "--source", "crossref", "--mailto", "curator@example.org",
                     "papers/gou2020knowledge.yaml", "papers/jones2020record.yaml")
    assert (result.code, result.out) == (0, (
        "papers/gou2020knowledge.yaml:4:8: warning: title: other capitals on Crossref: 'Knowledge Distillation: A Survey' (https://doi.org/10.1007/s11263-021-01453-z)\n"
        "papers/gou2020knowledge.yaml:10:7: warning: year: 2020 here, 2021 on Crossref (https://doi.org/10.1007/s11263-021-01453-z)\n"
        "papers/jones2020record.yaml:10:6: warning: doi: Crossref has no record of DOI 10.5555/does-not-exist (see https://doi.org/10.5555/does-not-exist)\n"
    ))
    assert services.requests == [
        "/crossref/works/10.1007/s11263-021-01453-z?mailto=curator%40example.org",
        "/crossref/works/10.1007/s11263-021-01453-z?mailto=curator%40example.org",
        "/crossref/works/10.5555/does-not-exist?mailto=curator%40example.org",
    ]
    assert clock.sleeps == [1.0, 1.0]  # the 429 came without Retry-After: one interval, then the next DOI's turn


def test_an_id_arxiv_refuses_does_not_hide_the_others_of_its_batch(root: Path, services, clock: Clock, sitegen) -> None:
    result = sitegen("verify", "--source", "arxiv", "papers/smith2020preprint.yaml", "papers/taylor2015arxiv.yaml")
    assert (result.code, result.out) == (0, (
        "papers/smith2020preprint.yaml:10:8: warning: arxiv: arXiv has no paper 2412.99999 (see https://arxiv.org/abs/2412.99999)\n"
        "papers/taylor2015arxiv.yaml:10:8: warning: arxiv: arXiv refused the look-up of 1513.00001: incorrect id format for 1513.00001\n"
    ))
    assert services.requests == [
        "/arxiv/api/query?id_list=2412.99999,1513.00001&max_results=2",
        "/arxiv/api/query?id_list=2412.99999&max_results=1",
        "/arxiv/api/query?id_list=1513.00001&max_results=1",
    ]


def test_a_service_that_keeps_saying_wait_is_given_up_in_one_line(root: Path, services, clock: Clock, sitegen) -> None:
    result = sitegen("verify", "--source", "dblp", "papers/gou2020knowledge.yaml")
    assert (result.code, result.out) == (1, "")
    assert result.err == ("sitegen verify: dblp (dblp.org) kept answering HTTP 429 (too many requests); "
                          "its remaining look-ups were skipped, try again later\n")
    assert clock.sleeps == [30.0, 30.0, 30.0]  # Retry-After, between four tries


def test_the_other_services_still_report_when_one_fails(root: Path, services, clock: Clock, sitegen) -> None:
    result = sitegen("verify", "--source", "crossref", "--source", "dblp", "--mailto", "curator@example.org",
                     "papers/gou2020knowledge.yaml", "papers/zhu2018knowledge.yaml")
    assert result.code == 1
    assert "papers/gou2020knowledge.yaml:10:7: warning: year: 2020 here, 2021 on Crossref" in result.out
    assert "zhu2018knowledge" not in result.out  # dblp was given up before its turn
    assert result.err.splitlines() == [
        "sitegen verify: dblp (dblp.org) kept answering HTTP 429 (too many requests); its remaining look-ups were skipped, try again later",
        "verified 2 records, 1 found by a service (6 requests, 0 from the cache): 0 errors, 2 warnings in 1 file: incomplete",
    ]


def test_a_second_run_asks_nothing_and_reports_the_same(root: Path, services, clock: Clock, sitegen) -> None:
    first = sitegen("verify", *PAPERS)
    asked = len(services.requests)
    second = sitegen("verify", *PAPERS)
    assert len(services.requests) == asked
    assert second.out == first.out == ALL_SOURCES
    assert second.err == "verified 6 records, 5 found by a service (0 requests, 9 from the cache): 0 errors, 14 warnings in 6 files: disagreements\n"
    kept = sorted(p.relative_to(root / ".cache/sitegen/verify").parts[0] for p in (root / ".cache/sitegen/verify").rglob("*.json"))
    assert kept == ["arxiv"] * 3 + ["dblp"] * 6  # the id arXiv does not know is kept too; nothing else


def test_no_cache_asks_again_and_keeps_nothing(root: Path, services, clock: Clock, sitegen) -> None:
    sitegen("verify", "--no-cache", "--source", "arxiv", "papers/hinton2015distilling.yaml")
    sitegen("verify", "--no-cache", "--source", "arxiv", "papers/hinton2015distilling.yaml")
    assert len(services.requests) == 2
    assert not (root / ".cache").exists()


def test_without_network_it_says_so_in_one_line(root: Path, monkeypatch: pytest.MonkeyPatch, clock: Clock, sitegen) -> None:
    port = closed_port()
    for name in ("SITEGEN_ARXIV_API", "SITEGEN_CROSSREF_API", "SITEGEN_DBLP_API"):
        monkeypatch.setenv(name, f"http://127.0.0.1:{port}/api")
    result = sitegen("verify", "--no-cache", "papers/gou2020knowledge.yaml", "papers/hinton2015distilling.yaml")
    assert (result.code, result.out) == (1, "")
    assert result.err == ("sitegen verify: cannot reach arXiv (export.arxiv.org), Crossref (api.crossref.org) or dblp (dblp.org) "
                          "(connection refused): no network? Nothing was verified\n")


def test_github_format_annotates_the_lines(root: Path, services, clock: Clock, sitegen) -> None:
    result = sitegen("verify", "--format", "github", "--source", "dblp", "papers/zhu2018knowledge.yaml")
    assert result.out.splitlines()[1] == (
        "::warning file=papers/zhu2018knowledge.yaml,line=5,col=3::authors: 2 here, 3 on dblp: Lan, Xu; Zhu, Xiatian; Gong, Shaogang "
        "(https://dblp.org/rec/conf/nips/LanZG18)"
    )


def test_strict_fails_on_any_disagreement(root: Path, services, clock: Clock, sitegen) -> None:
    assert sitegen("verify", "--strict", "--source", "dblp", "papers/zhu2018knowledge.yaml").code == 1
    assert sitegen("verify", "--strict", "--source", "arxiv", "papers/zhu2018knowledge.yaml").code == 0  # nothing to ask arXiv


def test_changed_verifies_only_the_records_a_branch_touches(root: Path, services, clock: Clock, sitegen) -> None:
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "collection")
    git(root, "update-ref", "refs/remotes/origin/main", "HEAD")
    git(root, "checkout", "-q", "-b", "fix-one")
    record = root / "papers/zhu2018knowledge.yaml"
    record.write_text(record.read_text().replace("short_name: ONE", "short_name: ONE\ncode: https://github.com/Lan1991Xu/ONE_NeurIPS2018"))
    result = sitegen("verify", "--changed")
    assert result.out.splitlines() == [line for line in ALL_SOURCES.splitlines() if line.startswith("papers/zhu2018knowledge.yaml")]
    assert result.err.startswith("verified 1 record, 1 found by a service")
    assert all("on+the+fly" in r for r in services.requests)


def test_output_holds_the_whole_report(root: Path, services, clock: Clock, sitegen) -> None:
    result = sitegen("verify", "--source", "dblp", "--output", "report.txt", "papers/zhu2018knowledge.yaml", "papers/smith2020preprint.yaml")
    assert (root / "report.txt").read_text(encoding="utf-8") == result.out + result.err
    assert result.err == "verified 2 records, 1 found by a service (3 requests, 0 from the cache): 0 errors, 3 warnings in 2 files: disagreements\n"
