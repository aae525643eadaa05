"""docs/notebooks/tour.ipynb runs top to bottom without an error (nbclient), so it cannot rot."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

TOUR = Path(__file__).parent.parent / "docs" / "notebooks" / "tour.ipynb"


def _execute(path: Path, tmp_path: Path) -> Any:
    if os.environ.get("CI"):
        import nbclient
        import nbformat
    else:
        nbclient = pytest.importorskip("nbclient")
        nbformat = pytest.importorskip("nbformat")
    notebook = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": tmp_path}}
    )
    client.execute()
    return notebook


def _outputs(notebook: Any) -> list[dict[str, Any]]:
    return [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]


def test_the_tour_runs_and_shows_each_aggregate_as_html(tmp_path: Path) -> None:
    notebook = _execute(TOUR, tmp_path)
    outputs = _outputs(notebook)
    assert not [o for o in outputs if o.get("output_type") == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert len(html) >= 7  # directory, case, passbook, catalogue, statement, report twice
    text = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
    assert "模拟一个季度 simulated quarter" in text
    markdown = "".join(o["data"].get("text/markdown", "") for o in outputs if "data" in o)
    assert "```mermaid\nflowchart" in markdown  # the chain, drawn, not printed as text


def test_a_notebook_that_raises_fails_the_check(tmp_path: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    broken = tmp_path / "broken.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 / 0")])
    nbformat.write(nb, broken)
    with pytest.raises(nbclient.exceptions.CellExecutionError):
        _execute(broken, tmp_path)
