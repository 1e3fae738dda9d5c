"""Tests of the PostgreSQL connector, snapshots, live rules and the live CLI."""
