"""Charts for profile results: bars for groups, lines for time, heat-maps for two columns.

Built with plotly graph objects directly (plotly express is ten times slower to build
a figure, which matters when a tool runs many times in a conversation or a test).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

MAX_BARS = 25
"""A bar chart shows at most this many groups; the table keeps them all."""


def bars(table: pd.DataFrame, x: str, y: str, title: str, y_label: str,
         as_share: bool = False) -> go.Figure:
    shown = table.head(MAX_BARS)
    figure = go.Figure(go.Bar(x=shown[x].astype(str), y=shown[y], name=y_label))
    return _tidy(figure, title, x, y_label, as_share)


def line(table: pd.DataFrame, x: str, y: str, title: str, y_label: str,
         color: str | None = None, as_share: bool = False) -> go.Figure:
    figure = go.Figure()
    groups = [(y_label, table)] if color is None else list(table.groupby(color, sort=False))
    for name, part in groups:
        figure.add_trace(go.Scatter(x=part[x].astype(str), y=part[y], mode="lines+markers",
                                    name=str(name)))
    return _tidy(figure, title, x, y_label, as_share)


def grouped_bars(table: pd.DataFrame, x: str, color: str, y: str, title: str, y_label: str,
                 as_share: bool = False) -> go.Figure:
    keep = table[x].drop_duplicates().head(MAX_BARS)
    shown = table[table[x].isin(keep)]
    figure = go.Figure([go.Bar(x=part[x].astype(str), y=part[y], name=str(name))
                        for name, part in shown.groupby(color, sort=False)])
    figure.update_layout(barmode="group", legend_title_text=color)
    return _tidy(figure, title, x, y_label, as_share)


def heatmap(table: pd.DataFrame, rows: str, columns: str, value: str, title: str,
            as_share: bool = False) -> go.Figure:
    grid = table.pivot(index=rows, columns=columns, values=value).reindex(
        index=table[rows].unique()[:MAX_BARS], columns=table[columns].unique()[:MAX_BARS])
    text = grid.map(lambda v: "" if pd.isna(v) else (f"{v:.1%}" if as_share else f"{v:,.4g}"))
    figure = go.Figure(go.Heatmap(z=grid.to_numpy(), x=[str(c) for c in grid.columns],
                                  y=[str(i) for i in grid.index], text=text.to_numpy(),
                                  texttemplate="%{text}", colorscale="Blues"))
    figure.update_layout(title=title, xaxis_title=columns, yaxis_title=rows,
                         yaxis_autorange="reversed")
    return figure


def breakdown_chart(table: pd.DataFrame, names: list[str], is_time: list[bool], what: str,
                    metric: str) -> go.Figure:
    """The chart of a breakdown by one or two columns: a line over time, bars, grouped bars
    for a second column of few values, else a heat-map."""
    as_share = metric in ("share", "rate")
    title = f"{what.capitalize()} by {' and '.join(names)}"
    if len(names) == 1:
        if is_time[0]:
            return line(table, names[0], "value", title, what, as_share=as_share)
        return bars(table, names[0], "value", title, what, as_share)
    if is_time[0] or is_time[1]:
        x, color = (names[0], names[1]) if is_time[0] else (names[1], names[0])
        return line(table, x, "value", title, what, color=color, as_share=as_share)
    if table[names[1]].nunique() <= 8:
        return grouped_bars(table, names[0], names[1], "value", title, what, as_share)
    return heatmap(table, names[0], names[1], "value", title, as_share)


def _tidy(figure: go.Figure, title: str, x_label: str, y_label: str,
          as_share: bool) -> go.Figure:
    figure.update_layout(title=title, xaxis_title=x_label, yaxis_title=y_label,
                         xaxis_type="category", margin={"l": 40, "r": 20, "t": 60, "b": 40})
    if as_share:
        figure.update_yaxes(tickformat=".0%")
    return figure
