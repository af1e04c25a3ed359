"""The README's links into the documentation lead to pages that exist."""

import re
from pathlib import Path

ROOT = Path(__file__).parent.parent


def test_readme_links_resolve():
    """Every relative link of the README names a file or folder of the repository."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    links = [
        target.split("#")[0]
        for target in re.findall(r"\]\(([^)]+)\)", readme)
        if "://" not in target and not target.startswith("#")
    ]
    assert links
    assert [link for link in links if not (ROOT / link).exists()] == []


def toctree_entries(page: Path) -> set[str]:
    """The pages a MyST page's toctrees list."""
    text = page.read_text(encoding="utf-8")
    return {
        line.strip()
        for block in re.findall(r"```\{toctree\}\n(.*?)```", text, re.S)
        for line in block.splitlines()
        if line.strip() and not line.startswith(":")
    }


def test_readme_points_to_every_page():
    """Each page of the documentation's sections is named in the README's list of pages."""
    docs = ROOT / "docs"
    sections = toctree_entries(docs / "index.md")
    pages = set().union(*(toctree_entries(docs / f"{section}.md") for section in sections))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    linked = {Path(link).stem for link in re.findall(r"\]\(docs/([^)#]+)\)", readme)}
    assert pages and pages <= linked
