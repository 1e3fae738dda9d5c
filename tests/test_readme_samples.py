"""scripts/readme_samples.py: what it keeps of a command's output, what it compares loosely, and
that the README's samples which need no server are what their commands print."""

from __future__ import annotations

from pathlib import Path

from readme_support import readme_samples

ROOT = Path(__file__).resolve().parents[1]
samples = readme_samples()

OUTPUT = """a.sql:1:1: RS-Q01 [info] star
  fix (unsafe): name them

a.sql:2:1: RS-D10 [low] wide
  |
2 | x
  fix (advisory): measure

b.sql:1:1: RS-Q01 [info] star again

Found 3 findings (1 low, 2 info) in 2 files, 3 statements.
"""


def test_a_sample_keeps_its_findings_and_the_summary_and_names_the_rest() -> None:
    sample = samples.Sample(steps=(), keep=(r"^a\.sql:\S+ RS-Q01",))
    text, left = samples._cut(sample, OUTPUT)
    assert text.splitlines()[0] == "a.sql:1:1: RS-Q01 [info] star"
    assert "RS-D10" not in text and "star again" not in text
    assert text.endswith("Found 3 findings (1 low, 2 info) in 2 files, 3 statements.")
    assert left == ["RS-D10", "RS-Q01"]
    assert samples._left_out(left) == "2 more findings, RS-D10 and RS-Q01, are"
    assert samples._left_out(["RS-W30", "RS-W30"]) == "2 more findings, RS-W30 (2), are"
    many = [f"RS-C{n:02}" for n in range(10)]
    assert samples._left_out(many) == "10 more findings of 10 rules are"


def test_measured_times_compare_as_patterns_and_the_rest_as_text() -> None:
    fresh = "took 5 -> 8 ms, query 0.24 -> 0.42 ms (median of 3 runs)"
    pattern = samples._pattern(fresh, (samples._MS,))
    assert pattern.fullmatch("took 2 -> 1 ms, query 0.23 -> 0.17 ms (median of 3 runs)")
    assert not pattern.fullmatch("took 2 -> 1 ms, query 0.23 -> 0.17 ms (median of 5 runs)")
    assert samples._pattern("a.b", ()).fullmatch("a.b")
    assert not samples._pattern("a.b", ()).fullmatch("axb")


def test_every_sample_has_its_region_in_the_readme() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [m["name"] for m in samples._REGION.finditer(text)]
    assert sorted(names) == sorted(samples.SAMPLES)


def test_the_samples_without_servers_are_current() -> None:
    offline = [name for name, s in samples.SAMPLES.items() if not s.needs]
    assert offline
    argv = ["--check"]
    for name in offline:
        argv += ["--only", name]
    assert samples.main(argv) == 0


def test_every_sample_that_needs_a_server_has_its_server_backed_test() -> None:
    # tests/redshift/test_readme_samples.py and tests/opensearch/test_readme_samples.py
    live = {name for name, s in samples.SAMPLES.items() if s.needs}
    assert live == {"analyze-redshift", "tpch-w30", "whatif", "verify-fixes"}
