"""``mock-portal har sanitize``: the contract's output paths, exit codes and stderr."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mock_portal.captures import sanitize as sanitize_module
from mock_portal.cli.commands import main
from tests.captures import builders
from tests.captures.builders import login_capture


@pytest.fixture
def capture(tmp_path: Path) -> Path:
    path = tmp_path / "failing-login.har"
    path.write_text(json.dumps(login_capture()), encoding="utf-8")
    return path


def test_writes_in_sanitized_har_beside_the_input(
    capture: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["har", "sanitize", str(capture)]) == 0
    written = capture.with_name("failing-login.sanitized.har")
    text = written.read_text(encoding="utf-8")
    assert json.loads(text)["log"]["entries"][0]["request"]["method"] == "GET"
    assert builders.SESSION not in text
    err = capsys.readouterr().err
    assert f"-> {written}" in err
    assert "cookie " in err
    for secret in (builders.SESSION, builders.MBI, builders.LAST, builders.PASSWORD):
        assert secret not in err


def test_dash_o_dash_writes_to_stdout(capture: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["har", "sanitize", str(capture), "-o", "-"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out)["log"]["version"] == "1.2"
    assert builders.MBI not in out
    assert not capture.with_name("failing-login.sanitized.har").exists()


def test_dash_o_names_the_output(capture: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "clean.har"
    target.parent.mkdir()
    assert main(["har", "sanitize", str(capture), "-o", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["log"]["entries"]


@pytest.mark.parametrize(
    "content", ["", "not json", "[1, 2]", '{"log": {}}', '{"log": {"entries": [{}]}}']
)
def test_not_a_har_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    path = tmp_path / "x.har"
    path.write_text(content, encoding="utf-8")
    assert main(["har", "sanitize", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert not tmp_path.joinpath("x.sanitized.har").exists()


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["har", "sanitize", str(tmp_path / "none.har")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_a_refused_copy_exits_3_and_writes_nothing(
    capture: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sanitize_module._Walk, "url", lambda self, url: url)  # a hole
    assert main(["har", "sanitize", str(capture)]) == 3
    err = capsys.readouterr().err
    assert "refused" in err
    assert builders.MBI not in err
    assert not capture.with_name("failing-login.sanitized.har").exists()
