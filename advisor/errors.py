"""The advisor's errors: one hierarchy, so the command line maps each kind to one exit code.

Every error the advisor raises on purpose is an `AdvisorError`; its kind says what went wrong
(the configuration, an input file, a snapshot, a baseline, a live source's connection, a saved
result). `advisor.cli` turns any of them into a one-line message and exit code 2; anything
else is a bug and is reported as an internal error. Like `advisor.model`, this module imports
nothing from the project, so the connectors and the model may raise these too.
"""

from __future__ import annotations


class AdvisorError(Exception):
    """An error the advisor reports in one line (exit code 2), never with a traceback."""

    kind = "error"


class ConfigurationError(AdvisorError):
    """The configuration (a file, an option on the command line) is not valid."""

    kind = "configuration error"


class InputFileError(AdvisorError):
    """An input the user named cannot be read (missing, not a regular file, not readable)."""

    kind = "input error"


class SnapshotFileError(AdvisorError):
    """A snapshot file cannot be read, or is not an advisor snapshot."""

    kind = "snapshot error"


class BaselineFileError(AdvisorError):
    """A baseline file cannot be read or written."""

    kind = "baseline error"


class ConnectionFailed(AdvisorError):
    """A live source could not be read whole. Each connector's subclass keeps what was read
    before the failure in `partial` (None when nothing was), which is still analysed."""

    kind = "connection error"


class ResultFileError(AdvisorError):
    """A saved result (`lint --format json`) cannot be read back."""

    kind = "result error"
