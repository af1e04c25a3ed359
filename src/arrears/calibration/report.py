"""The tables of ``arrears validate`` as text rows and as a markdown report."""

from __future__ import annotations

from collections.abc import Sequence

from arrears.calibration.steadiness import STEADY_BOUND, STEADY_FIGURES
from arrears.calibration.targets import Target
from arrears.calibration.validate import Estimate, Validation


def format_value(value: float, percent: bool) -> str:
    """A measure's value for a table: shares in percent, counts in full, others to 3 figures."""
    if percent:
        return f"{100 * value:.2f}%"
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"


def format_gap(value: float, percent: bool) -> str:
    """A difference between two values of a measure (shares in percentage points)."""
    return f"{100 * value:+.2f} pp" if percent else f"{value:+.3g}"


def figure_text(target: Target) -> str:
    """The public figure in words: a point, a range, a floor, a ceiling, or a dash."""
    low, high, percent = target.low, target.high, target.percent
    if low is not None and high is not None:
        if low == high:
            return format_value(low, percent)
        return f"{format_value(low, percent)}-{format_value(high, percent)}"
    if low is not None:
        return f">= {format_value(low, percent)}"
    if high is not None:
        return f"<= {format_value(high, percent)}"
    return "-"


def tolerance_text(target: Target) -> str:
    """The tolerance in the measure's units (percentage points for shares)."""
    return f"{100 * target.tolerance:.1f} pp" if target.percent else f"{target.tolerance:.3g}"


def estimate_text(estimate: Estimate, percent: bool) -> str:
    """A mean and its 95% interval: ``2.74% (2.10% to 3.38%)``."""
    return (
        f"{format_value(estimate.mean, percent)} "
        f"({format_value(estimate.low, percent)} to {format_value(estimate.high, percent)})"
    )


SIGNS = {1: "+", -1: "-", 0: "0"}
"""How a sign is shown (0: the interval includes zero)."""


def target_rows(validation: Validation) -> list[list[str]]:
    """The targets table: quantity, figure, tolerance, model, gap, result, source."""
    rows = []
    for result in validation.targets:
        target, estimate = result.target, result.estimate
        if estimate is None:
            model, gap = f"(no '{target.measure}' in the run)", ""
        else:
            model = estimate_text(estimate, target.percent)
            gap = format_gap(target.gap(estimate.mean), target.percent) if target.has_figure else ""
        rows.append(
            [
                target.quantity,
                figure_text(target),
                tolerance_text(target),
                model,
                gap,
                result.status,
                target.source,
            ]
        )
    return rows


TARGET_COLUMNS = ("target", "figure", "tolerance", "model (95% CI)", "gap", "result", "source")
"""Header of the targets table (gap: model mean minus the nearest end of the figure)."""


def direction_rows(validation: Validation) -> list[list[str]]:
    """The directions table: rule, measure, expected, observed, difference, result."""
    rows = []
    for result in validation.directions:
        direction = result.direction
        changes = ", ".join(f"{path} = {value!r}" for path, value in direction.changes.items())
        rows.append(
            [
                f"{direction.rule} ({changes})",
                direction.measure,
                SIGNS[direction.expected],
                SIGNS[result.difference.sign],
                estimate_text(result.difference, False),
                "pass" if result.passed else "FAIL",
            ]
        )
    return rows


DIRECTION_COLUMNS = (
    "rule changed",
    "measure",
    "expected",
    "observed",
    "difference (95% CI)",
    "result",
)
"""Header of the directions table (difference: changed minus baseline, paired by seed)."""


def steadiness_rows(validation: Validation) -> list[list[str]]:
    """The steadiness table: figure, unit, worst drift in a seed and of the mean, result."""
    rows = []
    for figure in validation.steadiness:
        if figure.judged_on is None:
            result = "reported"
        else:
            result = ("pass" if figure.passed else "FAIL") + f" ({figure.judged_on})"
        rows.append(
            [
                figure.figure,
                STEADY_FIGURES[figure.figure],
                f"{figure.worst_seed:.1%}",
                f"{figure.worst_mean:.1%}",
                result,
            ]
        )
    return rows


STEADINESS_COLUMNS = ("figure", "unit", "worst seed", "worst mean", "result")
"""Header of the steadiness table (largest ``|year / first year - 1|``)."""


def failure_lines(validation: Validation) -> list[str]:
    """One line per failed target or direction, saying by how much it failed."""
    lines = []
    for result in validation.failed_targets:
        target, estimate = result.target, result.estimate
        assert estimate is not None
        lines.append(
            f"target {target.quantity}: model {estimate_text(estimate, target.percent)}, "
            f"figure {figure_text(target)} within {tolerance_text(target)}"
        )
    for effect in validation.failed_directions:
        direction = effect.direction
        lines.append(
            f"direction {direction.rule}: {direction.measure} expected "
            f"{SIGNS[direction.expected]}, observed {SIGNS[effect.difference.sign]} "
            f"({estimate_text(effect.difference, False)})"
        )
    for figure in validation.unsteady:
        worst = figure.worst_seed if figure.judged_on == "every seed" else figure.worst_mean
        lines.append(
            f"steadiness {figure.figure}: moved {worst:.1%} from the first year "
            f"({figure.judged_on}), more than {STEADY_BOUND:.0%}"
        )
    return lines


def markdown(validation: Validation, description: str) -> str:
    """The validation as a markdown report.

    Args:
        validation: The validation.
        description: What was run (scenario, size, seeds), one paragraph.

    Returns:
        The report.
    """

    def table(header: Sequence[str], rows: list[list[str]]) -> list[str]:
        cells = [[cell.replace("|", "\\|") for cell in row] for row in [list(header), *rows]]
        lines = ["| " + " | ".join(row) + " |" for row in cells]
        return [lines[0], "|" + "---|" * len(header), *lines[1:]]

    failures = [f"- {line}" for line in failure_lines(validation)]
    verdict = "passes." if validation.passed else "fails:\n\n" + "\n".join(failures)
    notes = [f"- **{r.target.quantity}**: {r.target.note}" for r in validation.targets]
    mechanisms = [
        f"- **{r.direction.rule}**: {r.direction.mechanism}" for r in validation.directions
    ]
    lines = [
        "# arrears validate",
        "",
        description,
        "",
        f"The calibration {verdict}",
        "",
        "## Targets",
        "",
        "Model values are means across seeds with 95% t intervals; a target passes when the mean "
        "lies within the figure widened by the tolerance. Gap: model mean minus the nearest end "
        "of the figure.",
        "",
        *table(TARGET_COLUMNS, target_rows(validation)),
        "",
        *notes,
        "",
        "## Direction of effect",
        "",
        "Each rule is changed against the baseline on the same seeds; the observed sign is that "
        "of the 95% interval of the paired differences (0: the interval includes zero).",
        "",
        *table(DIRECTION_COLUMNS, direction_rows(validation)),
        "",
        *mechanisms,
        "",
    ]
    if validation.steadiness:
        lines += [
            "## Steadiness",
            "",
            "The baseline over several recorded years on the same seeds: each year's figure "
            f"over the first year's. Stocks (the book, approvals, the cut-off) stay within "
            f"{STEADY_BOUND:.0%} in every seed; rates (delinquency, charge-offs) on the mean over "
            "seeds, since one seed's yearly rate moves by 10-20% by chance at this size; the "
            "number of firms is reported (one firm entering moves a count of two by 50%).",
            "",
            *table(STEADINESS_COLUMNS, steadiness_rows(validation)),
            "",
        ]
    return "\n".join(lines)
