import tomllib

import numpy as np
import pytest

from arrears.scenario.fields import ScenarioError
from arrears.sweeps.definition import deep_merge, derive_seed, load_sweep, sweep_from_mapping
from tests.sweep_files import GRID, SOBOL, write


def grid(**changes):
    return sweep_from_mapping(deep_merge(tomllib.loads(GRID), changes))


def test_grid_points_runs_and_scenarios():
    """A grid crosses the levels in file order; run i is point i // seeds, replicate i % seeds."""
    sweep = grid()
    assert sweep.n_runs == 8
    assert sweep.points[1] == {
        "regime.name": "us_reg_f",
        "collectors.staff_per_10k_accounts": 8.0,
    }
    run = sweep.run(5)
    assert (run.point, run.replicate) == (2, 1)
    assert run.scenario.regime.name == "firm_workday"
    assert run.scenario.collectors.staff_per_10k_accounts == 2.0
    assert run.scenario.population.n_accounts == 300
    assert run.scenario.run.seed == run.seed


def test_a_sweep_starts_from_a_named_market():
    """``[scenario] market = NAME`` starts every point from that market, then the other tables
    apply; the definition round-trips; an unknown market names the allowed ones."""
    sweep = grid(scenario={"market": "us_cards"})
    scenario = sweep.run(0).scenario
    assert scenario.market == "us_cards" and scenario.loans.term_months == 58
    assert scenario.population.n_accounts == 300
    assert sweep_from_mapping(sweep.definition).scenarios == sweep.scenarios
    with pytest.raises(ScenarioError, match="market must be one of"):
        grid(scenario={"market": "mars"})


def test_seeds_derive_from_master_seed_and_run_index():
    """Seeds are reproducible (no clock); common random numbers share them by replicate."""
    common, again = grid(), grid()
    seeds = [common.run_seed(i) for i in range(common.n_runs)]
    assert seeds == [again.run_seed(i) for i in range(again.n_runs)]
    assert seeds[0::2] == [seeds[0]] * 4 and seeds[1::2] == [seeds[1]] * 4
    assert seeds[0] != seeds[1]
    own = grid(sweep={"common_random_numbers": False})
    assert len({own.run_seed(i) for i in range(own.n_runs)}) == own.n_runs
    other = grid(sweep={"seed": 100})
    assert other.run_seed(0) != common.run_seed(0)
    assert all(0 <= derive_seed(2**63 - 1, k) < 2**63 for k in range(100))


@pytest.mark.parametrize(
    ("design", "points"),
    [("lhs", 4), ("sobol", 4 * (3 + 2)), ("morris", 4 * (3 + 1))],
)
def test_sampling_designs_stay_in_bounds_and_round_integers(design, points):
    """LHS, Sobol and Morris designs have the documented size, within bounds; ints are ints."""
    sweep = sweep_from_mapping(deep_merge(tomllib.loads(SOBOL), {"sweep": {"design": design}}))
    assert len(sweep.points) == points
    staff = [p["collectors.staff_per_10k_accounts"] for p in sweep.points]
    hours = [p["regime.weekday_end_hour"] for p in sweep.points]
    assert all(1.0 <= s <= 16.0 for s in staff)
    assert all(isinstance(h, int) and 12 <= h <= 22 for h in hours)
    assert len(set(staff)) > 1
    assert sweep.samples.shape == (points, 3)


def test_definition_is_self_contained_and_round_trips(tmp_path):
    """A stored definition rebuilds the same sweep without the file or its base scenario."""
    base = tmp_path / "base.toml"
    base.write_text("[population]\nn_accounts = 700\n[regime]\nname = 'cn_2025'\n")
    text = SOBOL.replace('name = "tiny_sobol"', 'name = "tiny_sobol"\nbase = "base.toml"')
    text = text.replace("n_accounts = 300\n", "")
    sweep = load_sweep(write(tmp_path, text))
    assert sweep.base.population.n_accounts == 700
    base.unlink()
    rebuilt = sweep_from_mapping(sweep.definition)
    assert rebuilt.definition == sweep.definition
    assert rebuilt.points == sweep.points
    assert rebuilt.scenarios == sweep.scenarios
    np.testing.assert_array_equal(rebuilt.samples, sweep.samples)


def test_frontier_and_contrast_figures_round_trip_through_the_definition():
    """A contrast's reference and a frontier's metric survive the stored definition."""
    figures = [
        {
            "kind": "frontier",
            "x_metric": "stress_mean",
            "along": "collectors.staff_per_10k_accounts",
            "metrics": ["recovery_rate"],
        },
        {
            "kind": "contrast",
            "reference": {"regime.name": "us_reg_f"},
            "hue": "collectors.staff_per_10k_accounts",
        },
    ]
    sweep = grid(figures=figures)
    assert sweep.figures[1].reference == {"regime.name": "us_reg_f"}
    assert sweep_from_mapping(sweep.definition).figures == sweep.figures


def test_labelled_levels():
    """Grid levels may carry labels, used in figures; sequence values are stored as JSON."""
    sweep = grid(
        parameters={
            "macro.unemployment_path": {"levels": [[0.05], [0.05, 0.1]], "labels": ["flat", "up"]}
        }
    )
    axis = sweep.axis("macro.unemployment_path")
    assert axis.categorical
    assert axis.label("[0.05, 0.1]") == "up"
    assert sweep.axis("collectors.staff_per_10k_accounts").label(8.0) == "8"


TONE = (
    "[parameters]\n'collectors.aggressiveness' = [0.0, 1.0]\n"
    "'collectors.offers_plans' = [true, false]\n"
)
BOTH = "reference = { 'collectors.aggressiveness' = 1.0, 'collectors.offers_plans' = false }"

BAD_SWEEPS = [
    ("[sweep\nname = 1", "not valid TOML"),
    ("[sweeps]\nname = 'x'", "[sweeps] is not a known table"),
    ("[sweep]\nworkers = 3", "sweep.workers is not a known parameter"),
    ("[sweep]\nname = '../up'", "sweep.name must be letters, digits"),
    ("[sweep]\ndesign = 'factorial'", "sweep.design must be one of 'grid', 'lhs'"),
    ("[sweep]\nseeds = 0", "sweep.seeds must be an integer in [1, 100000]"),
    ("[sweep]\ndesign = 'sobol'\nsamples = 12", "sweep.samples must be a power of 2"),
    ("[parameters]\n'run.nights' = [1]", "'run.nights' is not a known parameter"),
    ("[parameters]\n'moon.days' = [1]", "unknown section 'moon'"),
    ("[parameters]\ndays = [1]", 'write each varied parameter as "section.field"'),
    ("[parameters]\n'run.seed' = [1, 2]", "run.seed cannot be varied"),
    ("[parameters]\n'run.days' = []", "needs a non-empty list of levels"),
    ("[parameters]\n'population.n_accounts' = [100, -5]", "population.n_accounts must be"),
    ("[parameters]\n'regime.name' = ['us_reg_f', 'mars']", "regime.name must be one of"),
    (
        "[sweep]\ndesign = 'lhs'\n[parameters]\n'run.days' = { low = 30, high = 10 }",
        "low must be below high",
    ),
    (
        "[sweep]\ndesign = 'lhs'\n[parameters.collectors]\naggressiveness = { low = 0, high = 2 }",
        "bound 2 is not allowed",
    ),
    (
        "[sweep]\ndesign = 'lhs'\n[parameters]\n'collectors.aggressiveness' = [0.2, 0.5]",
        "needs bounds { low = ..., high = ... }",
    ),
    (
        "[sweep]\ndesign = 'morris'\n[parameters]\n'regime.name' = { low = 0, high = 1 }",
        "is not a number",
    ),
    ("[sweep]\ndesign = 'sobol'", "needs at least one parameter"),
    (
        "[scenario.regime]\nname = 'cn_2025'\nweekday_end_hour = 20\n"
        "[parameters]\n'regime.name' = ['us_reg_f', 'cn_2025']",
        "own regime rules (weekday_end_hour) would be dropped",
    ),
    ("[scenario.population]\nn_acounts = 5", "population.n_acounts' is not a known parameter"),
    ("[[figures]]\nkind = 'pie'", "figures[0].kind must be one of"),
    ("[[figures]]\nkind = 'effects'", "figure kind 'effects' needs x"),
    ("[[figures]]\nkind = 'effects'\nx = 'run.days'", "figures[0].x must be a varied parameter"),
    ("[[figures]]\nkind = 'indices'", "needs design 'sobol' or 'morris'"),
    ("[[figures]]\nkind = 'series'", "needs sweep.series_block_days >= 1"),
    (
        "[parameters]\n'regime.name' = ['us_reg_f']\n"
        "[[figures]]\nkind = 'effects'\nx = 'regime.name'\nmetrics = ['joy']",
        "'joy' is not a summary metric",
    ),
    (
        "[sweep]\nseries_block_days = 7\n[[figures]]\nkind = 'series'\nmetrics = ['joy']",
        "'joy' is not a series column",
    ),
    (
        TONE + "[[figures]]\nkind = 'frontier'\nx_metric = 'joy'",
        "x_metric must be a summary metric",
    ),
    (
        TONE + "[[figures]]\nkind = 'frontier'\nx_metric = 'stress_mean'\nalong = 'run.days'",
        "figures[0].along must be a varied parameter",
    ),
    (
        "[sweep]\ndesign = 'lhs'\n[parameters]\n'collectors.aggressiveness' = { low = 0, high = 1 }"
        "\n[[figures]]\nkind = 'frontier'\nx_metric = 'stress_mean'",
        "a 'frontier' figure needs design 'grid'",
    ),
    (
        TONE + "[[figures]]\nkind = 'effects'\nx = 'collectors.aggressiveness'\n" + BOTH,
        "figures[0].reference applies to figure kind 'contrast' only",
    ),
    (TONE + "[[figures]]\nkind = 'contrast'", "figures[0].reference must be a table"),
    (
        TONE + "[[figures]]\nkind = 'contrast'\nreference = { 'run.days' = 5 }",
        "'run.days' is not a varied parameter",
    ),
    (
        TONE + "[[figures]]\nkind = 'contrast'\nreference = { 'collectors.offers_plans' = 'no' }",
        "'no' is not a level of collectors.offers_plans",
    ),
    (
        TONE + "[[figures]]\nkind = 'contrast'\nreference = { 'collectors.offers_plans' = false }",
        "collectors.aggressiveness is neither",
    ),
    (
        TONE + "[[figures]]\nkind = 'contrast'\nhue = 'collectors.offers_plans'\n" + BOTH,
        "hue must not be a parameter of the reference",
    ),
    (
        "[sweep]\ncommon_random_numbers = false\n"
        + TONE
        + "[[figures]]\nkind = 'contrast'\n"
        + BOTH,
        "needs sweep.common_random_numbers = true",
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD_SWEEPS)
def test_malformed_sweeps_fail_naming_the_problem(tmp_path, text, message):
    """Each malformed sweep file fails at load with one error naming field, value and rule."""
    with pytest.raises(ScenarioError) as error:
        load_sweep(write(tmp_path, text))
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_missing_sweep_file(tmp_path):
    """A missing sweep file is a clear error."""
    with pytest.raises(ScenarioError, match="does not exist"):
        load_sweep(tmp_path / "nope.toml")


def test_labelled_levels_out_of_order_are_drawn_as_categories():
    """Numbers on a scale stay numeric; labelled levels listed out of order become categories."""
    sweep = sweep_from_mapping(
        {
            "sweep": {"name": "axes", "design": "grid"},
            "parameters": {
                "regime.max_attempts_per_7d": {"levels": [0, 14, 7], "labels": ["none", "14", "7"]},
                "regime.weekday_end_hour": {"levels": [12, 21], "labels": ["08-12", "08-21"]},
                "collectors.aggressiveness": [0.0, 1.0],
            },
        }
    )
    assert sweep.axis("regime.max_attempts_per_7d").categorical
    assert not sweep.axis("regime.weekday_end_hour").categorical
    assert not sweep.axis("collectors.aggressiveness").categorical
