"""Sphinx configuration of the arrears documentation (``make docs``).

The reference pages are built from the code: the API from the docstrings (autodoc, autosummary,
napoleon), and the parameter, regime, market, measure and experiment pages from the package's
own metadata by the directives of ``_ext/arrears_docs.py``, so none of them can drift from what
runs. The notebooks are shown with the outputs of their test run (see ``_ext/notebooks.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path[:0] = [str(ROOT / "src"), str(DOCS / "_ext")]

import numba  # noqa: E402

import arrears  # noqa: E402

project = "arrears"
author = "arrears developers"
copyright = "arrears developers"
version = release = arrears.__version__

extensions = [
    "myst_nb",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "sphinx.ext.mathjax",
    "sphinx.ext.viewcode",
    "arrears_docs",
    "notebooks",
]

source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "**.ipynb_checkpoints"]
templates_path = ["_templates"]

# Every cross-reference must resolve. Names from other projects cannot (the build reads no
# inventories over the network), so those alone are let through.
nitpicky = True
nitpick_ignore_regex = [
    (r"py:.*", r"(np|numpy|npt|pd|pandas|pa|pyarrow|mesa|numba|dask|distributed|solara|SALib)\..*"),
    (r"py:.*", r"(matplotlib|mpl|plt|argparse|collections|pathlib|typing|types|enum)\..*"),
    (r"py:.*", r"(reacton|ipyvuetify|ipyvue)\..*"),
    (r"py:class", r"(Path|Figure|Axes|Any|Callable|Iterator|Iterable|Mapping|Sequence)"),
    # a type parameter (``def first_rows[T: ...]``) and private names, which are not documented
    (r"py:class", r"T"),
    (r"py:class", r".*\._[A-Za-z]\w*"),
    # napoleon splits a dataclass field's ``dict[int, X]`` annotation at its comma
    (r"py:class", r"dict\[\w+"),
]

myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist", "substitution"]
myst_substitutions = {"release": release}
myst_heading_anchors = 3
nb_execution_mode = "off"  # the notebooks' test executes them (see _ext/notebooks.py)

autosummary_generate = True
autosummary_imported_members = False
autodoc_default_options = {"members": True, "ignore-module-all": True}
autodoc_typehints = "signature"
autodoc_typehints_format = "short"
autodoc_member_order = "bysource"
autodoc_preserve_defaults = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False
napoleon_attr_annotations = True

html_theme = "pydata_sphinx_theme"
html_title = f"arrears {release}"
html_static_path = ["_static"]
html_css_files = ["arrears.css"]
html_theme_options = {
    "navigation_depth": 3,
    "show_toc_level": 2,
    # the regimes' rules side by side need the width of the page
    "secondary_sidebar_items": {"**": ["page-toc"], "regimes": []},
    "footer_start": ["copyright"],
    "footer_end": [],
}
html_sidebars = {"**": ["sidebar-nav-bs"]}


def skip_tuple_fields(app, what, name, obj, skip, options):  # noqa: D103
    # A NamedTuple's fields are described in its docstring's Attributes section (the tables,
    # the kernels' run constants and day inputs list every field there), so the generated
    # "Alias for field number" properties would describe each one twice.
    doc = getattr(obj, "__doc__", None) or ""
    return True if doc.startswith("Alias for field number") else None


def keep_first_line_whole(app, what, name, obj, options, lines):  # noqa: D103
    # napoleon reads the first line of an attribute's docstring as "type: description" when it
    # holds a colon; arrears never gives types there (they are annotations), and its first
    # lines are sentences ("Two years simulated before recording: ..."). An empty comment
    # first keeps the sentence whole. Runs before napoleon (priority 500).
    if what in ("attribute", "data", "property") and lines:
        lines[:0] = ["..", ""]


def note_kernels(app, what, name, obj, options, lines):  # noqa: D103
    # numba's dispatchers wrap the Python function (``__wrapped__``), so autodoc documents them
    # as functions; say which they are, and where their Python body is.
    if isinstance(obj, numba.core.registry.CPUDispatcher):
        lines += ["", "*A numba kernel* (``@njit``); its Python body is ``.py_func``."]


def setup(app):  # noqa: D103
    app.connect("autodoc-skip-member", skip_tuple_fields)
    app.connect("autodoc-process-docstring", keep_first_line_whole, priority=400)
    app.connect("autodoc-process-docstring", note_kernels)
