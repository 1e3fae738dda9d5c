"""Tests of the OpenSearch connector, snapshots, cluster and profile rules, and the live CLI."""
