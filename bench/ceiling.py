"""The ceiling: a minimal Flask view served by waitress on the benchmark's settings, so that
the table's ratios say how far a page is from what one Python process can serve at all.

``python -m bench.ceiling --port 8099 --threads 8``
"""

import argparse

from flask import Flask


def minimal_app() -> Flask:
    app = Flask(__name__)

    @app.get("/")
    def index() -> str:
        return "ok"

    return app


def main() -> None:
    from waitress import serve

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    serve(minimal_app(), host=args.host, port=args.port, threads=args.threads, ident="ceiling")


if __name__ == "__main__":
    main()
