"""No import cycles between the project's own modules.

The graph holds every module of the project's packages (each top-level folder with ``__init__.py``,
``tests`` and ``bench`` excluded) and ``app.py``; an edge is an absolute import, at the top of a
module or inside a function (a deferred import that closes a cycle is still a cycle).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXCLUDED = {"tests", "bench", ".venv"}


def project_modules(root: Path = ROOT) -> dict[str, Path]:
    """``{dotted module name: file}`` of the project's packages and ``app.py``."""
    found = {}
    for package in sorted(p for p in root.iterdir() if p.is_dir() and p.name not in EXCLUDED):
        if not (package / "__init__.py").is_file():
            continue
        for path in sorted(package.rglob("*.py")):
            name = ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")
            found[name] = path
    if (root / "app.py").is_file():
        found["app"] = root / "app.py"
    return found


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """``{module: the project modules it imports}``.

    ``from package import name`` points at the submodule ``package.name`` when that is a module,
    else at ``package`` itself.
    """
    graph = {m: set() for m in modules}
    for module, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                subs = [f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in modules]
                names = subs if len(subs) == len(node.names) else [node.module, *subs]
            graph[module] |= {n for n in names if n in modules and n != module}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for start in sorted(graph):
        if start in index:
            continue
        # iterative depth-first search: (node, its remaining successors)
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            for nxt in successors:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(graph[nxt]))))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def test_cycles_finds_a_cycle_and_ignores_a_chain():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_import_graph_follows_imports_inside_functions(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "one.py").write_text("def f():\n    from pkg import two\n")
    (tmp_path / "pkg" / "two.py").write_text("import pkg.one\n")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "__init__.py").write_text("import pkg.one\n")
    modules = project_modules(tmp_path)
    assert set(modules) == {"pkg", "pkg.one", "pkg.two"}
    assert cycles(import_graph(modules)) == [["pkg.one", "pkg.two"]]


def test_project_has_no_import_cycles():
    modules = project_modules()
    assert {"app", "callbacks.map", "state.model", "web.settings"} <= set(modules)
    graph = import_graph(modules)
    found = cycles(graph)
    described = ["; ".join(f"{a} -> {b}" for a in c for b in sorted(graph[a]) if b in c) for c in found]
    assert found == [], "import cycles:\n" + "\n".join(described)
