"""Benchmarks (not tests): a synthetic national-scale corpus and search speed measurements."""
