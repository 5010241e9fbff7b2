"""The benchmark of issue 11: generated data at county scale, the real server under load,
and a minimal Flask view as the ceiling. ``python -m bench --help``; see README "Benchmark"."""
