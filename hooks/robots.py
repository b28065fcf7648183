"""Write robots.txt at the site root: every crawler may read every page, and the sitemap MkDocs
writes is at <site_url>sitemap.xml. Generated, because a file in docs/ cannot know site_url.

Crawlers read robots.txt only at the root of a host (https://example.org/robots.txt): it counts when
the site is served from its own domain, not from a project path such as user.github.io/guide/.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

PATH = "robots.txt"


def robots_txt(site_url: str | None, prefixes: list[str] = [""]) -> str:  # noqa: B006 (never changed)
    lines = ["User-agent: *", "Allow: /"]
    if site_url:  # the Sitemap line needs an absolute URL; MkDocs ends site_url with "/"
        lines += [f"Sitemap: {site_url}{prefix}sitemap.xml" for prefix in prefixes]
    return "\n".join(lines) + "\n"


def on_files(files: Files, config: MkDocsConfig) -> Files:
    languages = config.extra.get("rg_languages") or [{"prefix": ""}]
    if config.theme["language"] != "en":
        return files  # robots.txt counts only at the root: the English build writes it for all
    if files.get_file_from_path(PATH) is not None:
        raise PluginError(f"docs/{PATH} exists, but robots.txt is generated from site_url: delete it")
    prefixes = [language["prefix"] for language in languages]
    files.append(File.generated(config, PATH, content=robots_txt(config.site_url, prefixes)))
    return files
