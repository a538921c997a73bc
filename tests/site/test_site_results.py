"""The results pages, read back as files: one page per benchmark with every result of the
records, grouped by pair; results on paper pages; the downloads reading back to the records."""

from __future__ import annotations

import html
import json
import re

import pytest

from sitegen.export.results import from_csv, from_json
from sitegen.site import urls
from sitegen.site.results import CHART_PAIRS

from tests.site.conftest import BuiltSite, build, make_tiny_collection
from tests.site.test_site_build import page


# A result written to attack the pages and the CSV: HTML, Jinja and Markdown syntax, and text a
# spreadsheet would run as a formula. It goes on the tiny collection's hostile record.
HOSTILE_RESULT = """\
results:
  - dataset: cifar-10
    metric: top1-accuracy
    teacher:
      arch: resnet56
      score: 93.61
    student:
      arch: resnet20
      score: 92.22
      distilled: 93.15
    gain: 0.84
    source:
      table: "=HYPERLINK(\\"https://example.org\\") <script>alert(5)</script> {{ 2 }}"
      row: "<img src=x onerror=alert(6)> | pipe"
      method: "-<b>M</b>"
    doubts:
      - "<script>alert(7)</script> {{ 3 }} **not bold**; the gain is printed as 0.84."
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    root = make_tiny_collection(tmp_path_factory.mktemp("hostile-results") / "collection")
    record = root / "papers" / "hostile2020script.yaml"
    record.write_text(record.read_text(encoding="utf-8") + HOSTILE_RESULT, encoding="utf-8")
    return build(root, tmp_path_factory.mktemp("hostile-results-out"))


@pytest.fixture(params=["hostile", "real"])
def any_site(request: pytest.FixtureRequest) -> BuiltSite:
    return request.getfixturevalue(f"{request.param}_site")


def _results(site: BuiltSite) -> list[tuple[str, int, object]]:
    return [(p.id, i, r) for p in site.collection.papers for i, r in enumerate(p.results)]


def test_each_benchmark_page_holds_every_result_on_it_once(real_site: BuiltSite) -> None:
    held = _results(real_site)
    assert len(held) == 45
    datasets = sorted({r.dataset for _, _, r in held})
    assert datasets == ["cifar-10", "cifar-100"]
    for dataset in datasets:
        text = page(real_site, urls.results(dataset))
        anchors = re.findall(r'<tr id="(r-[a-z0-9-]+-\d+)" class="kd-result"', text)
        expected = [f"r-{pid}-{i}" for pid, i, r in held if r.dataset == dataset]
        assert sorted(anchors) == sorted(expected)
    # Only benchmarks with results get a page.
    assert not (real_site.site / urls.results("imagenet")).exists()
    overview = page(real_site, urls.RESULTS)
    assert f'href="../{urls.results("cifar-10")}"' not in overview  # links are relative to the page
    assert 'href="cifar-10/"' in overview and 'href="cifar-100/"' in overview


def test_rows_are_grouped_by_pair_and_the_biggest_group_comes_first(real_site: BuiltSite) -> None:
    text = page(real_site, urls.results("cifar-100"))
    groups = re.findall(r'<tbody class="kd-pair" data-pair="([^"]+)" data-label="[^"]+">(.*?)</tbody>', text, flags=re.S)
    sizes = [len(re.findall(r'class="kd-result"', body)) for _, body in groups]
    assert sizes == sorted(sizes, reverse=True) and sum(sizes) == 29
    pairs = {key for key, _ in groups}
    assert "resnet110--resnet20" in pairs and "none--resnet18" in pairs and "resnet110-ensemble--resnet110" in pairs
    # ResNet110 -> ResNet20 on CIFAR-100: CCKD, LKD and CTKD, best gain first.
    body = dict(groups)["resnet110--resnet20"]
    assert re.findall(r'class="kd-method"[^>]*>([^<]+)<', body) == ["CCKD", "LKD", "CTKD"]


def test_a_gain_the_scores_contradict_shows_both_and_links_the_doubt(real_site: BuiltSite) -> None:
    text = page(real_site, urls.results("cifar-10"))
    row = re.search(r'<tr id="r-lan2018knowledge-0".*?</tr>', text, flags=re.S).group(0)
    assert ">+0.94 <span class=\"kd-printed\"" in row and "≠ 0.84" in row
    assert 'href="../../papers/lan2018knowledge/#r-lan2018knowledge-0"' in row
    # The source links to the survey table's note on the same page, which exists.
    assert 'href="#source-survey-table5"' in row
    assert '<li id="source-survey-table5">' in text
    assert "https://arxiv.org/abs/2006.05525" in text


def test_charts_show_the_pairs_with_the_most_results(real_site: BuiltSite) -> None:
    text = page(real_site, urls.results("cifar-100"))
    charts = re.findall(r'<figure class="kd-gain">\n<figcaption>([^<]+)</figcaption>\n<svg[^>]*aria-label="([^"]+)"', text)
    assert 0 < len(charts) <= CHART_PAIRS
    assert charts[0][0] == "ResNet110 → ResNet20 · 3 results"
    svg = re.search(r'<figure class="kd-gain">.*?</svg>', text, flags=re.S).group(0)
    assert re.findall(r"<text[^>]*>([^<]+ \(\d{4}\))</text>", svg) == ["CCKD (2019)", "LKD (2020)", "CTKD (2020)"]
    assert re.findall(r"<text[^>]*>([+-]\d+\.\d\d)</text>", svg) == ["+4.00", "+3.16", "+2.42"]


def test_paper_pages_show_their_results_with_sources_and_doubts(real_site: BuiltSite) -> None:
    text = page(real_site, urls.paper("zhou2018rocket"))
    section = re.search(r'<section class="kd-paper-results" id="results">.*?</section>', text, flags=re.S).group(0)
    assert section.count('class="kd-result"') == 0 and len(re.findall(r'<tr id="r-zhou2018rocket-\d"', section)) == 2
    assert "row “Rocket-KD (Zhou et al., 2018)”" in section
    assert "gives: feature-based knowledge; online distillation" in section
    assert "+10.70" in section and "≠ 10.07" in section
    assert "The survey prints a gain of 10.07" in section
    assert 'href="../../results/cifar-100/#r-zhou2018rocket-1"' in section
    # A paper without results has no results section.
    assert 'id="results"' not in page(real_site, urls.paper("hinton2015distilling"))


def test_self_distillation_shows_no_teacher_and_a_missing_score_is_not_zero(real_site: BuiltSite) -> None:
    text = page(real_site, urls.results("cifar-100"))
    tfkd = re.search(r'<tr id="r-yuan2020revisiting-0".*?</tr>', text, flags=re.S).group(0)
    assert '<td data-value="" class="kd-none" title="self-distillation: the student teaches itself">none</td>' in tfkd
    aekd = re.search(r'<tr id="r-du2020agree-1".*?</tr>', text, flags=re.S).group(0)
    assert 'ResNet56</span> <span class="kd-score"><span title="the source gives no score">–</span></span>' in aekd
    assert "0.00" not in aekd


def test_downloads_read_back_to_the_records_results(any_site: BuiltSite) -> None:
    taxonomy = any_site.collection.taxonomy
    held = [(pid, r) for pid, _, r in _results(any_site)]
    assert held
    csv_text = (any_site.site / urls.RESULTS_CSV).read_text(encoding="utf-8")
    json_text = (any_site.site / urls.RESULTS_JSON).read_text(encoding="utf-8")
    # Compared as data: the classes a collection's results are checked with are built per load.
    dumped = [(pid, r.model_dump()) for pid, r in held]
    assert [(pid, r.model_dump()) for pid, r in from_csv(csv_text, taxonomy)] == dumped
    assert [(pid, r.model_dump()) for pid, r in from_json(json_text, taxonomy)] == dumped
    downloads = page(any_site, urls.DOWNLOADS)
    assert '<a href="kd-results.csv" download>kd-results.csv</a>' in downloads
    assert '<a href="kd-results.json" download>kd-results.json</a>' in downloads


def test_explore_data_counts_each_papers_results(real_site: BuiltSite) -> None:
    data = json.loads((real_site.site / urls.EXPLORE_DATA).read_text(encoding="utf-8"))
    column = data["columns"].index("results")
    counts = {row[0]: row[column] for row in data["papers"]}
    assert counts == {p.id: len(p.results) for p in real_site.collection.papers}
    assert sum(1 for n in counts.values() if n) == 30


def test_a_hostile_result_shows_as_typed(hostile_site: BuiltSite) -> None:
    for path in (urls.paper("hostile2020script"), urls.results("cifar-10")):
        text = page(hostile_site, path)
        assert "<script>alert(" not in text and "<img src=x" not in text and "<b>M</b>" not in text
    paper = page(hostile_site, urls.paper("hostile2020script"))
    assert html.escape('=HYPERLINK("https://example.org") <script>alert(5)</script> {{ 2 }}', quote=False) in paper.replace("&#34;", '"')
    assert html.escape("<script>alert(7)</script> {{ 3 }} **not bold**", quote=False) in paper
    # In the CSV a text that a spreadsheet would run as a formula is made inert, and reads back as written.
    csv_text = (hostile_site.site / urls.RESULTS_CSV).read_text(encoding="utf-8")
    assert ",\"'=HYPERLINK(\"\"https://example.org\"\")" in csv_text and ",'-<b>M</b>," in csv_text
    (_, result), = from_csv(csv_text, hostile_site.collection.taxonomy)
    assert result.source.table.startswith("=HYPERLINK(") and result.source.method == "-<b>M</b>"


def test_results_pages_charts_and_downloads_are_the_same_bytes_build_to_build() -> None:
    from sitegen.site.build import gather

    from tests.site.conftest import REPO

    first, _ = gather(REPO)
    second, _ = gather(REPO)
    ours = sorted(p for p in first if p.startswith("results/") or p.startswith("downloads/kd-results"))
    assert len(ours) == 5  # the overview, two benchmarks, the CSV and the JSON
    assert all(first[p] == second[p] for p in ours)
    assert b"<svg" in first["results/cifar-100/index.md"]
