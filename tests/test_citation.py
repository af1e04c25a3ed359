"""CITATION.cff is valid citation metadata for this version of the package."""

from pathlib import Path

import yaml

import arrears

CITATION = Path(__file__).parent.parent / "CITATION.cff"
REQUIRED = ("cff-version", "message", "title", "authors", "version", "license", "abstract")


def test_citation_file_has_the_required_keys():
    """The file parses as YAML and holds what a citation needs, in CFF 1.2.0."""
    citation = yaml.safe_load(CITATION.read_text(encoding="utf-8"))
    assert set(REQUIRED) <= set(citation)
    assert citation["cff-version"] == "1.2.0"
    assert citation["authors"] == [{"name": "arrears developers"}]
    assert citation["license"] == "MIT"
    assert citation["keywords"]


def test_citation_version_is_the_package_version():
    """The version cited is the one installed (a release bumps both)."""
    citation = yaml.safe_load(CITATION.read_text(encoding="utf-8"))
    assert str(citation["version"]) == arrears.__version__
