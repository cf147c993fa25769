"""数据体检 as a plugin: the trainers' page of what is wrong in the tables."""

from __future__ import annotations

from ..hookspecs import Feature, Page, hookimpl, lazy


@hookimpl
def feature() -> Feature:
    return Feature(name="health", title="数据体检")


@hookimpl
def pages() -> list[Page]:
    return [
        Page(
            notebook="data_health.ipynb",
            title="数据体检",
            summary="给培训人员：表格有没有错、错在第几行",
            view=lazy(f"{__package__}.view", "data_health_view"),
            private=True,
        ),
    ]
