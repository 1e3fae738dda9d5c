"""How `advisor lint` runs over files: the worker count, the cache folder, the files chosen.

The command line declares the options; this module turns them into a call of
`advisor.parallel.lint_paths`. `ADVISOR_NO_CACHE` set to anything non-empty is `--no-cache`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from advisor.engine import Engine
from advisor.model import Report


def cache_folder(engine: Engine, cache_dir: Path | None) -> Path:
    """`--cache-dir`, else `.advisor_cache` beside the configuration file, else here."""
    from advisor.cache import CACHE_DIR_NAME

    if cache_dir is not None:
        return cache_dir
    config_file = engine.config.path
    return (config_file.parent if config_file is not None else Path(".")) / CACHE_DIR_NAME


def lint(
    engine: Engine,
    paths: Sequence[Path],
    *,
    jobs: int | None,
    no_cache: bool,
    cache_dir: Path | None,
    changed: bool,
    since: str | None,
    shard: str | None,
) -> Report:
    """A selection that cannot be made (no repository, a bad revision) is a usage error."""
    import click

    from advisor import parallel

    chosen = None
    if changed or since is not None or shard is not None:
        from advisor.changed import SelectionError, selection

        try:
            chosen = selection(
                paths[0], engine.config.root, changed=changed, since=since, shard=shard
            )
        except SelectionError as err:
            raise click.UsageError(str(err)) from None
    cache = None
    if not no_cache and not os.environ.get("ADVISOR_NO_CACHE"):
        from advisor.cache import LintCache, run_key

        key = run_key(engine.config, (r.id for r in engine.rules))
        cache = LintCache.open(cache_folder(engine, cache_dir), key)
    return parallel.lint_paths(engine, paths, jobs=jobs, cache=cache, chosen=chosen)
