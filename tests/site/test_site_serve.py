"""The preview server and the change watcher behind `sitegen serve`."""

from __future__ import annotations

import threading
import urllib.request
from pathlib import Path

from sitegen.site.serve import snapshot, start_server, watch


def test_snapshot_sees_edits_additions_and_removals(tmp_path: Path) -> None:
    (tmp_path / "papers").mkdir()
    record = tmp_path / "papers" / "a2020b.yaml"
    record.write_text("id: a2020b\n")
    before = snapshot([tmp_path / "papers", tmp_path / "taxonomy.yaml"])
    record.write_text("id: a2020b\ntitle: longer\n")
    edited = snapshot([tmp_path / "papers"])
    assert edited != before
    (tmp_path / "papers" / "c2021d.yaml").write_text("id: c2021d\n")
    added = snapshot([tmp_path / "papers"])
    assert set(added) - set(edited) == {str(tmp_path / "papers" / "c2021d.yaml")}
    record.unlink()
    assert str(record) not in snapshot([tmp_path / "papers"])


def test_watch_rebuilds_on_change(tmp_path: Path) -> None:
    watched = tmp_path / "taxonomy.yaml"
    watched.write_text("axes: []\n")
    rebuilt = threading.Event()
    stop = threading.Event()
    thread = threading.Thread(target=watch, args=([watched], rebuilt.set, 0.05, stop))
    thread.start()
    try:
        assert not rebuilt.wait(0.2)  # nothing changed yet
        watched.write_text("axes: [changed]\n")
        assert rebuilt.wait(5)
    finally:
        stop.set()
        thread.join()


def test_server_serves_the_site(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<h1>site</h1>")
    server = start_server(tmp_path, 0)
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{server.server_address[1]}/") as response:
            assert response.read() == b"<h1>site</h1>"
    finally:
        server.shutdown()
        server.server_close()
