"""Nothing outside the repository (issue 20): symbolic links in data/, i18n/ and docs/ are refused
by name before anything is read; messages never quote a file that failed to parse; the logo is an
image by its content, or an SVG that is only a drawing. (Review cases T28, F16, P18, P19, F03, F04.)"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import ROOT

from macros import firm_kit
from macros.data import load_guide, read_yaml
from macros.logo import svg_problem
from macros.repo_files import file_problem, links_in
from macros.schema import DataError

TOKEN = "ghs_FAKEdeployTOKEN0123456789abcdefABCDEF"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "repo" / "data")
    (tmp_path / "outside.yml").write_text(f"https://x-access-token:{TOKEN}@github.com\n", encoding="utf-8")
    return tmp_path / "repo"


def refused(project: Path, language: str = "en") -> str:
    with pytest.raises(DataError) as raised:
        load_guide(project / "data", language=language)
    return str(raised.value)


def test_a_data_file_linked_outside_is_refused_by_name_unread(project: Path) -> None:  # F16
    firm = project / "data" / "firm.yml"
    firm.unlink()
    firm.symlink_to(project.parent / "outside.yml")
    message = refused(project)
    assert message == (
        "data/firm.yml: entry '(top level)': is a symbolic link: put the file itself there "
        "(links are not followed, so nothing outside the repository is read)"
    )


def test_a_translation_linked_outside_is_refused(project: Path) -> None:  # T28
    credit = project / "data" / "i18n" / "es" / "credit.yml"
    credit.unlink()
    credit.symlink_to(project.parent / "outside.yml")
    message = refused(project, "es")
    assert message.startswith("data/i18n/es/credit.yml: entry '(top level)': is a symbolic link")
    assert "ghs_" not in message and "github" not in message


def test_a_linked_folder_is_refused(project: Path) -> None:
    spanish = project / "data" / "i18n" / "es"
    shutil.move(spanish, project.parent / "es")
    spanish.symlink_to(project.parent / "es")
    assert "is in the folder es/, which is a symbolic link" in refused(project, "es")


def test_a_pipe_is_refused_without_waiting_on_it(project: Path) -> None:
    firm = project / "data" / "firm.yml"
    firm.unlink()
    os.mkfifo(firm)
    assert refused(project).endswith("is not a regular file")


def test_a_file_that_is_not_a_mapping_is_never_quoted(tmp_path: Path) -> None:
    path = tmp_path / "firm.yml"
    path.write_text(f"DEPLOY_TOKEN={TOKEN} OTHER=1\n", encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load_guide(ROOT / "data", overrides={"firm.yml": path})
    assert "must be a mapping of fields (key: value lines), got str" in str(raised.value)
    assert "DEPLOY" not in str(raised.value) and "ghs_" not in str(raised.value)


def test_a_yaml_error_never_quotes_the_file(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text(f"a: b\n  secret: '{TOKEN}\n", encoding="utf-8")
    with pytest.raises(DataError) as raised:
        read_yaml(path, "data/x.yml")
    assert "is not valid YAML at line" in str(raised.value)
    assert "ghs_" not in str(raised.value)


def test_every_link_under_the_read_folders_is_listed_by_name(tmp_path: Path) -> None:
    for folder in ("data", "i18n/es", "docs/assets"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "i18n" / "es" / "prevention.md").symlink_to("/etc/hostname")  # P19
    (tmp_path / "docs" / "assets" / "firm-logo.png").symlink_to("/etc/passwd")  # F03
    (tmp_path / "docs" / "linked").symlink_to(tmp_path.parent)
    (tmp_path / "data" / "ok.yml").write_text("a: 1\n", encoding="utf-8")
    found = links_in(tmp_path, ["data", "i18n", "docs"])
    assert sorted(line.split(":")[0] for line in found) == [
        "docs/assets/firm-logo.png",
        "docs/linked",
        "i18n/es/prevention.md",
    ]


def test_the_shipped_repository_has_no_links() -> None:
    assert links_in(ROOT, ["data", "i18n", "docs"]) == []


def test_a_translated_page_linked_outside_is_refused(tmp_path: Path) -> None:  # P18, P19
    page = tmp_path / "i18n" / "es" / "glossary.md"
    page.parent.mkdir(parents=True)
    page.symlink_to("/etc/passwd")
    assert file_problem(page, 3) == (
        "is a symbolic link: put the file itself there (links are not followed, so nothing outside the "
        "repository is read)"
    )


def firm(logo: str) -> dict[str, str]:
    return {"logo": logo}


def test_a_logo_linked_outside_is_refused(tmp_path: Path) -> None:  # F03
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "firm-logo.png").symlink_to("/etc/passwd")
    with pytest.raises(DataError, match=re.escape("field 'logo': docs/assets/firm-logo.png is a symbolic link")):
        firm_kit.check_logo(firm("assets/firm-logo.png"), tmp_path)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("firm-logo.png", b"root:x:0:0:root:/root:/bin/bash\n", "is not a PNG image (by its content)"),
        ("firm-logo.jpg", b"\x89PNG\r\n\x1a\n0000", "is not a JPEG image"),
        ("firm-logo.webp", b"RIFF0000WAVE", "is not a WebP image"),
    ],
)
def test_a_raster_logo_must_be_that_image(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / name).write_bytes(content)
    with pytest.raises(DataError, match=re.escape(expected)):
        firm_kit.check_logo(firm(f"assets/{name}"), tmp_path)


def test_real_images_pass(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    for name, content in (
        ("a.png", b"\x89PNG\r\n\x1a\n" + bytes(20)),
        ("a.jpg", b"\xff\xd8\xff\xe0" + bytes(20)),
        ("a.webp", b"RIFF\x10\x00\x00\x00WEBPVP8 " + bytes(20)),
        ("a.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><path fill="url(#g)" d="M0 0h1"/></svg>'),
    ):
        (tmp_path / "assets" / name).write_bytes(content)
        firm_kit.check_logo(firm(f"assets/{name}"), tmp_path)


SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'


@pytest.mark.parametrize(
    ("svg", "expected"),
    [
        (f"{SVG_OPEN}><script>window.__pwned=1</script></svg>", "has the element <script>"),  # F04
        (f'{SVG_OPEN} onload="window.__pwned=1"><rect/></svg>', "has the event handler onload="),
        (f"{SVG_OPEN}><foreignObject><div/></foreignObject></svg>", "has the element <foreignObject>"),
        (f'{SVG_OPEN}><image href="https://evil.example/x.png"/></svg>', "has the element <image>"),
        (f'{SVG_OPEN}><use href="https://evil.example/s.svg#a"/></svg>', "pointing outside the file"),
        (f'{SVG_OPEN}><use xlink:href="javascript:alert(1)"/></svg>', "pointing outside the file"),
        (f'{SVG_OPEN}><rect style="fill:url(https://evil.example/)"/></svg>', "style= on <rect> pointing outside"),
        (f"{SVG_OPEN}><style>@import url(https://evil.example/)</style></svg>", "has the element <style>"),
        (f'{SVG_OPEN}><a href="https://evil.example/"><rect/></a></svg>', "has the element <a>"),
        ('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>', "has a DOCTYPE"),
        ("<html><script>x</script></html>", "is not an SVG drawing"),
        ("<svg", "is not well-formed XML"),
    ],
)
def test_an_svg_logo_must_be_only_a_drawing(svg: str, expected: str) -> None:
    assert expected in (svg_problem(svg.encode()) or "")


def test_the_shipped_fixture_logo_is_a_plain_drawing() -> None:
    from test_firm_kit import LOGO

    assert svg_problem(LOGO.encode()) is None


def test_the_build_refuses_links_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from hooks import languages

    monkeypatch.setattr(languages, "ROOT", tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "firm.yml").symlink_to("/etc/passwd")
    config = SimpleNamespace(docs_dir=str(tmp_path / "docs"))
    assert languages.links_outside(config) == [  # type: ignore[arg-type]
        "data/firm.yml: is a symbolic link: put the file itself there (links are not followed, so nothing "
        "outside the repository is read)"
    ]
