"""The README's samples of live Redshift runs (the emulation on PostgreSQL) are what their
commands print: scripts/readme_samples.py run on them once the emulation is loaded.
`ADVISOR_UPDATE_SAMPLES=1` rewrites them instead."""

from __future__ import annotations

import os

import pytest
from readme_support import readme_samples

NAMES = ("analyze-redshift", "tpch-w30", "whatif")


@pytest.mark.usefixtures("emulation")
def test_the_live_redshift_samples_are_current() -> None:
    samples = readme_samples()
    assert set(NAMES) <= {n for n, s in samples.SAMPLES.items() if "postgres" in s.needs}
    argv = [] if os.environ.get("ADVISOR_UPDATE_SAMPLES") else ["--check"]
    for name in NAMES:
        argv += ["--only", name]
    assert samples.main(argv) == 0
