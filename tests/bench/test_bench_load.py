"""A small run of the benchmark, so that it cannot rot: a few generated cases in a fresh
instance, the real server as a process of its own, every page driven briefly. It asserts
that every page answered as it should and said its query count, never a time. And what the
benchmark refuses: sizes it does not generate, a folder that is not empty, the real
instance; its temporary instance is gone afterwards, also when the run is interrupted."""

import pytest
from sqlalchemy import text

from bench import __main__ as cli
from bench import generate, instance, load
from station.config import REPO_ROOT
from station.extensions import db


def test_a_small_run_answers_every_page(tmp_path):
    folder = tmp_path / "run"
    with instance.fresh(folder) as inst:
        app = instance.app_for(inst)
        with app.app_context():
            generate.generate(40, stations=1, chunk=15)
        instance.settle(app)  # nothing on SQLite
        facts = cli._facts(app)
        instance.dispose(app)
        server = load.station_server(inst.environment).start()
        try:
            cookie = load.log_in(server.port, cli.HEAD, generate.PASSWORD)
            results = [
                load.drive(server.port, name, path, load.get(path), 0.3, cookie)
                for name, path in cli.pages(facts["ref"], facts["month"], facts["xlsx"])
            ]
            register, cookie = load.registering(server.port, cookie)
            results.append(load.drive(server.port, "register", "/cases/new", register, 0.3, cookie))
            assert server.peak_memory_mb() is None or server.peak_memory_mb() > 0
        finally:
            server.stop()
        assert server.process.poll() is not None
        for result in results:
            assert result.requests > 0 and result.errors == 0, result.page
            assert len(result.queries) == result.requests and min(result.queries) > 0
        app = instance.app_for(inst)
        assert cli.duplicate_refs(app) == 0
        instance.dispose(app)
    assert not folder.exists()


def test_settling_vacuums_and_analyzes_the_bulk_tables_on_postgresql(app):
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("VACUUM is PostgreSQL's")
    instance.settle(app)
    with app.app_context():
        vacuumed, analyzed = db.session.execute(
            text(
                "SELECT vacuum_count, analyze_count FROM pg_stat_user_tables"
                " WHERE relname = 'cases'"
            )
        ).one()
    assert vacuumed >= 1 and analyzed >= 1


@pytest.mark.parametrize("size", [0, 2_000, 10_001, 10**9])
def test_sizes_it_does_not_generate_are_refused(size, capsys):
    with pytest.raises(SystemExit) as stopped:
        cli.main(["--size", str(size)])
    assert stopped.value.code == 2
    assert "The benchmark generates 10,000, 100,000, 1,000,000 cases" in capsys.readouterr().err


def test_a_folder_that_holds_something_is_refused(tmp_path, capsys):
    (tmp_path / "station.db").write_bytes(b"SQLite format 3\x00")
    with pytest.raises(SystemExit):
        cli.main(["--size", "10000", "--instance", str(tmp_path)])
    assert "is not empty" in capsys.readouterr().err
    assert (tmp_path / "station.db").exists()
    with pytest.raises(generate.Refused, match="real instance folder"):
        instance.check_folder(REPO_ROOT / "instance")


def test_the_instance_is_removed_when_interrupted(tmp_path):
    folder = tmp_path / "run"
    with pytest.raises(KeyboardInterrupt), instance.fresh(folder) as inst:
        (inst.folder / "station.db").write_bytes(b"x")
        raise KeyboardInterrupt
    assert not folder.exists()


def test_a_kept_instance_stays_and_is_reused(tmp_path, capsys):
    folder = tmp_path / "kept"
    with instance.fresh(folder, keep=True) as inst:
        (inst.folder / "station.db").write_bytes(b"x")
        instance.mark_kept(inst, 1_000_000, 912.5)
    assert (folder / "station.db").exists()
    again = instance.reused(folder, instance.kept_facts(folder))
    assert again.folder == folder.resolve() and again.url == inst.url
    args = cli._arguments(["--reuse", str(folder)])
    assert args.size == [1_000_000] and args.postgres is None
    with pytest.raises(SystemExit):
        cli._arguments(["--reuse", str(folder), "--size", "10000"])
    assert "--reuse takes its size and database from the kept instance" in capsys.readouterr().err


def test_a_kept_instance_is_still_removed_when_interrupted(tmp_path):
    folder = tmp_path / "kept"
    with pytest.raises(KeyboardInterrupt), instance.fresh(folder, keep=True) as inst:
        (inst.folder / "station.db").write_bytes(b"x")
        raise KeyboardInterrupt
    assert not folder.exists()


def test_a_kept_instance_whose_data_is_whole_stays_after_a_failure(tmp_path, capsys):
    folder = tmp_path / "kept"
    with pytest.raises(RuntimeError), instance.fresh(folder, keep=True) as inst:
        (inst.folder / "station.db").write_bytes(b"x")
        instance.mark_kept(inst, 1_000_000, 912.5)
        raise RuntimeError("the server stopped at start")
    assert (folder / "station.db").read_bytes() == b"x"
    assert f"the generated data stays in {folder.resolve()} for --reuse" in capsys.readouterr().out


def test_reusing_a_folder_that_no_run_kept_is_refused(tmp_path, capsys):
    (tmp_path / "station.db").write_bytes(b"SQLite format 3\x00")
    with pytest.raises(SystemExit):
        cli.main(["--reuse", str(tmp_path)])
    assert "is not an instance that the benchmark kept" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["--size", "10000", "--size", "100000", "--keep"])
    assert "--keep keeps one instance" in capsys.readouterr().err
    with pytest.raises(generate.Refused, match="real instance folder"):
        instance.kept_facts(REPO_ROOT / "instance")
