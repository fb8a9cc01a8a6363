"""``reconcile(..., engine="dask")`` on a two-process LocalCluster equals a local run."""

from __future__ import annotations

import builtins

import pytest

import reconcile
import reconcile.dask_engine as dask_engine
from reconcile import Config
from reconcile.cli import main
from reconcile.errors import InvalidValueError, MissingExtraError, ReconcileError

from .conftest import FIXTURES, fixtures_and_feed


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip(
        "distributed", reason="the dask extra is not installed"
    )
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=":0",  # a free port: None still binds 8787
            worker_dashboard_address=None,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield cluster, client


@pytest.mark.dask
def test_a_dask_run_equals_a_local_run(cluster, monkeypatch):
    _, client = cluster
    articles = fixtures_and_feed(300, seed=5)
    local = reconcile.reconcile(articles, Config(workers=1))
    seen: list[int] = []
    chunks: list[int] = []
    gather = dask_engine.results_in_order

    def counting(jobs, positions, data):
        chunks.append(len(positions))
        return gather(jobs, positions, data)

    monkeypatch.setattr(dask_engine, "results_in_order", counting)
    scored: list[int] = []
    columns = dask_engine.frame_columns

    def counting_frames(frames):
        scored.append(len(frames))
        return columns(frames)

    monkeypatch.setattr(dask_engine, "frame_columns", counting_frames)
    on_dask = reconcile.reconcile(
        articles,
        Config(workers=1),
        engine="dask",
        client=client,
        progress=lambda stage, done, total: (
            seen.append(done) if stage == "extract" else None
        ),
    )
    assert len(local.claims) > 500
    assert on_dask.claims == local.claims
    assert on_dask.events == local.events
    assert on_dask.facts == local.facts
    assert on_dask.report("json") == local.report("json")
    assert len(seen) > 1  # several partitions came back
    assert seen[-1] == len(articles)
    assert chunks and chunks[0] > 1  # the facts were compared on the cluster, in chunks
    assert len(scored) == 1 and scored[0] > 500  # the pairs were scored there


@pytest.mark.dask
def test_the_report_command_takes_a_scheduler(cluster, capsys):
    local_cluster, _ = cluster
    folder = str(FIXTURES / "russia-iran-treaty" / "articles")
    assert main(["report", "--format", "json", "--workers", "1", folder]) == 0
    local = capsys.readouterr().out
    address = local_cluster.scheduler_address
    assert main(["report", "--format", "json", "--scheduler", address, folder]) == 0
    assert capsys.readouterr().out == local


def test_engine_dask_without_the_extra_names_it(monkeypatch):
    real_import = builtins.__import__

    def no_distributed(name, *args, **kwargs):
        if name == "distributed" or name.startswith("distributed."):
            raise ImportError("No module named 'distributed'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_distributed)
    with pytest.raises(MissingExtraError, match=r"reconcile\[dask\]") as caught:
        reconcile.reconcile([], engine="dask")
    assert isinstance(caught.value, ReconcileError)
    assert isinstance(caught.value, ImportError)


def test_an_unknown_engine_is_named():
    with pytest.raises(InvalidValueError, match=r"engine: expected 'local' or 'dask'"):
        reconcile.reconcile([], engine="spark")  # type: ignore[arg-type]
