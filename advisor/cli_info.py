"""The commands that describe the rule base and the configuration: `rules`, `rule`, `config`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from advisor.cli_base import check_mapping_files, guard
from advisor.cli_options import say
from advisor.config import load_config


@click.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@guard
def rules_command(fmt: str) -> None:
    """List every rule: id, severity, name and summary."""
    import json

    from rules.registry import all_rules

    rules = all_rules()
    if fmt == "json":
        data = [
            {
                "id": r.id,
                "name": r.meta.name,
                "family": r.meta.family,
                "severity": r.meta.severity.label,
                "live": r.meta.live,
                "fix_safety": r.meta.fix_safety.value,
                "summary": r.meta.summary,
            }
            for r in rules
        ]
        click.echo(json.dumps(data, indent=2))
        return
    for r in rules:
        live = "live" if r.meta.live else "static"
        click.echo(
            f"{r.id:8s} {r.meta.severity.label:7s} {live:6s} {r.meta.name:34s} {r.meta.summary}"
        )


@click.command("rule")
@click.argument("rule_id")
@guard
def rule_command(rule_id: str) -> None:
    """Print a rule's documentation."""
    from advisor.config_schema import closest
    from rules.registry import all_rules, rule_by_id

    rule = rule_by_id(rule_id)
    if rule is None:
        hint = closest(rule_id, (r.meta.id for r in all_rules()))
        say(f"unknown rule {rule_id!r}{hint}; `advisor rules` lists them")
        sys.exit(2)
    meta = rule.meta
    head = f"{meta.id} {meta.name} ({meta.severity.label}, {meta.family})"
    click.echo(f"# {head}\n\n{meta.summary}.\n\nFix safety: {meta.fix_safety.value}.")
    if not meta.default_on:
        click.echo(f"Off by default: add {meta.id} to `select` to run it.")
    if meta.options:
        click.echo(f"Options (under [tool.advisor.rules.{meta.id}]):")
        for name, default in meta.options.items():
            spec = meta.option_spec(name)
            doc = f" {spec.doc}" if spec.doc else ""
            click.echo(f"  {name} = {_toml_value(default)}  ({spec.describe()}){doc}")
    click.echo(f"\n{rule.doc}")


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return repr(value)


@click.command("config")
@click.option("--schema", is_flag=True, help="Print the configuration's JSON Schema.")
@click.option(
    "--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), help="Config file."
)
@guard
def config_command(schema: bool, config_path: Path | None) -> None:
    """Check the configuration (exit 2 on any error), or print its JSON Schema (--schema).

    The schema covers every key of [tool.advisor] / advisor.toml and every rule's options,
    for editors that read JSON Schema (Taplo, Even Better TOML).
    """
    from rules.registry import all_rules

    if schema:
        from advisor.config_schema import json_schema

        rules = [(r.id, r.meta.options, r.meta.option_specs) for r in all_rules()]
        click.echo(json.dumps(json_schema(rules), indent=2, ensure_ascii=False))
        return
    from advisor.config import check_rules

    config = load_config(config_path, start=Path.cwd())
    check_rules(config, {r.id: r.meta for r in all_rules()})
    check_mapping_files(config)
    where = config.path.as_posix() if config.path else "no configuration file (defaults)"
    click.echo(f"advisor: {where}: valid")
