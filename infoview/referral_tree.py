"""The referral tree behind the Network page: who led to whom, laid out for drawing.

Pure, like ``analytics.py`` beside it: contacts (or their frame) in, a capped set of drawn
nodes and edges out, with the figures the page shows beside the chart.
"""

from __future__ import annotations

import heapq
from collections import deque
from dataclasses import dataclass, field

import pandas as pd

from infoview.analytics import ALL, Filters, People, apply_filters, as_frame
from infoview.models import SECTOR_LABELS, SOURCE_LABELS


@dataclass(frozen=True)
class Tree:
    """A referral forest laid out for drawing: x is the generation, y spreads the leaves."""

    nodes: pd.DataFrame = field(compare=False)
    edges: pd.DataFrame = field(compare=False)
    top_referrers: pd.DataFrame = field(compare=False)
    depth: int  # people in the longest chain of introductions (A led to B led to C: 3)
    size: int  # contacts in the tree (anyone who referred or was referred)
    shown: int  # contacts drawn; the rest sit in "+N more" nodes
    roots: int
    cycles: int  # referral loops found in the data and cut to draw a tree
    missing_parents: int  # contacts whose referrer is not among the contacts given


_NODE_COLUMNS = [
    "id", "label", "parent", "level", "x", "y", "referred", "reached", "source", "sector", "folded",
]  # fmt: skip
_EDGE_COLUMNS = ["parent", "child", "x", "y", "x2", "y2"]


def referral_tree(
    contacts: People, filters: Filters = ALL, max_nodes: int = 300, top_n: int = 5
) -> Tree:
    """Return who led to whom, laid out in layers, with at most ``max_nodes`` nodes drawn.

    Nodes beyond the cap fold into one "+N more" node per parent. Loops in referred_by are
    cut at their earliest-joined contact; a referrer missing from the contacts (deleted or
    filtered out) makes the contact a root. Runs in O(n log n), with no recursion.
    """
    if max_nodes < 1:
        raise ValueError("max_nodes must be at least 1")
    people = apply_filters(as_frame(contacts), filters)
    # Earliest-joined first, so roots and cut points are chosen the same way every time.
    people = people.sort_values(["joined", "name", "id"], kind="stable", na_position="last")
    ids = people["id"].tolist()  # plain lists: iterating Arrow-backed columns is slow
    order = {cid: i for i, cid in enumerate(ids)}
    name = dict(zip(ids, people["name"].tolist(), strict=True))
    info = people.set_index("id")[["source", "sector"]]

    parent: dict[str, str | None] = {}
    missing = 0
    for cid, ref in zip(ids, people["referred_by"].tolist(), strict=True):
        ref = ref if isinstance(ref, str) else None  # a frame may hold NaN for "no referrer"
        if ref is not None and ref != cid and ref in order:
            parent[cid] = ref
        else:
            parent[cid] = None
            missing += ref is not None and ref != cid and ref not in order
    children: dict[str, list[str]] = {}
    for cid, ref in parent.items():
        if ref is not None:
            children.setdefault(ref, []).append(cid)

    # Walk down from the true roots; whatever stays unreached hangs under a loop.
    level: dict[str, int] = {}
    walk: list[str] = []

    def reach(root: str) -> None:
        level[root] = 0
        queue = deque([root])
        while queue:
            node = queue.popleft()
            walk.append(node)
            for child in children.get(node, ()):
                if child not in level:
                    level[child] = level[node] + 1
                    queue.append(child)

    roots = [cid for cid in order if parent[cid] is None and cid in children]
    for root in roots:
        reach(root)
    cycles = 0
    for start in order:
        if start in level or parent[start] is None:
            continue
        path: dict[str, int] = {}  # node -> position on the walk up, for O(1) loop checks
        node: str | None = start
        while node not in path:
            path[node] = len(path)
            node = parent[node]
        loop = list(path)[path[node] :]
        cut = min(loop, key=order.__getitem__)
        children[parent[cut]].remove(cut)
        parent[cut] = None
        cycles += 1
        roots.append(cut)
        reach(cut)
    roots.sort(key=order.__getitem__)

    in_tree = [n for n in walk if parent[n] is not None or children.get(n)]
    reached = dict.fromkeys(in_tree, 0)
    for node in reversed(walk):
        up = parent[node]
        if up is not None:
            reached[up] += reached[node] + 1
    for kids in children.values():
        kids.sort(key=lambda c: (-reached[c], order[c]))
    roots.sort(key=lambda c: (-reached[c], order[c]))

    kept, folds = _choose_nodes(roots, children, parent, level, reached, order, max_nodes)
    nodes, edges = _layout(roots, children, kept, folds, level, reached, name, info)
    top = (
        pd.DataFrame(
            {
                "id": in_tree,
                "name": [name[n] for n in in_tree],
                "referred": [len(children.get(n, ())) for n in in_tree],
                "reached": [reached[n] for n in in_tree],
            }
        )
        .query("referred > 0")
        .sort_values(["referred", "reached"], ascending=False, kind="stable")
        .head(top_n)
        .reset_index(drop=True)
    )
    return Tree(
        nodes=nodes,
        edges=edges,
        top_referrers=top,
        depth=max((level[n] for n in in_tree), default=-1) + 1,
        size=len(in_tree),
        shown=int((nodes["folded"] == 0).sum()),
        roots=len(roots),
        cycles=cycles,
        missing_parents=missing,
    )


def _choose_nodes(
    roots: list[str],
    children: dict[str, list[str]],
    parent: dict[str, str | None],
    level: dict[str, int],
    reached: dict[str, int],
    order: dict[str, int],
    max_nodes: int,
) -> tuple[set[str], dict[str | None, int]]:
    """Pick nodes biggest branch first, so kept + "+N more" nodes <= max_nodes.

    Going by branch size rather than by generation shows the chains that matter: a wide
    forest picked generation by generation would fill the cap with roots and their folds.
    """
    waiting: dict[str | None, int] = {None: len(roots)}  # unpicked children per parent
    open_parents = 1 if roots else 0  # parents with unpicked children: each needs a fold
    heap = [(-reached[r], 0, order[r], r) for r in roots]
    heapq.heapify(heap)
    kept: set[str] = set()
    while heap:
        _, _, _, node = heap[0]
        up = parent[node]
        kids = children.get(node, ())
        opened = open_parents - (waiting[up] == 1) + bool(kids)
        if len(kept) + 1 + opened > max_nodes:
            break
        heapq.heappop(heap)
        kept.add(node)
        waiting[up] -= 1
        open_parents = opened
        if kids:
            waiting[node] = len(kids)
            for kid in kids:
                heapq.heappush(heap, (-reached[kid], level[kid], order[kid], kid))
    hidden: dict[str | None, list[str]] = {}
    for _, _, _, node in heap:
        hidden.setdefault(parent[node], []).append(node)
    folds: dict[str | None, int] = {}
    for up, nodes in hidden.items():
        if len(nodes) == 1 and not reached[nodes[0]]:
            kept.add(nodes[0])  # one hidden leaf takes the same room as its "+1 more"
        else:
            folds[up] = sum(reached[n] + 1 for n in nodes)
    return kept, folds


def _layout(
    roots: list[str],
    children: dict[str, list[str]],
    kept: set[str],
    folds: dict[str | None, int],
    level: dict[str, int],
    reached: dict[str, int],
    name: dict[str, str],
    info: pd.DataFrame,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Place leaves on consecutive rows and each parent midway between its first and last child."""
    rows: dict[str, dict] = {}
    shown_children: dict[str | None, list[str]] = {}

    def more(up: str | None) -> str:
        key = f"more:{up or 'top'}"
        rows[key] = {
            "id": key, "label": f"+{folds[up]:,} more", "parent": up,
            "level": 0 if up is None else level[up] + 1, "referred": 0, "reached": 0,
            "source": "", "sector": "", "folded": folds[up],
        }  # fmt: skip
        return key

    for up, kids in [(None, roots), *((n, children.get(n, [])) for n in kept)]:
        shown = [k for k in kids if k in kept]
        if up in folds:
            shown.append(more(up))
        shown_children[up] = shown
    for node in kept:
        rows[node] = {
            "id": node, "label": name[node], "parent": None, "level": level[node],
            "referred": len(children.get(node, ())), "reached": reached[node],
            "source": SOURCE_LABELS.get(info.at[node, "source"], ""),
            "sector": SECTOR_LABELS.get(info.at[node, "sector"], ""), "folded": 0,
        }  # fmt: skip
    for up, kids in shown_children.items():
        for kid in kids:
            rows[kid]["parent"] = up

    # Iterative post-order: a chain of thousands must not hit the recursion limit.
    y: dict[str, float] = {}
    next_row = 0
    stack: list[tuple[str, bool]] = [(n, False) for n in reversed(shown_children[None])]
    while stack:
        node, done = stack.pop()
        kids = shown_children.get(node, [])
        if not kids:
            y[node] = float(next_row)
            next_row += 1
        elif done:
            y[node] = (y[kids[0]] + y[kids[-1]]) / 2
        else:
            stack.append((node, True))
            stack.extend((k, False) for k in reversed(kids))

    ordered = sorted(rows.values(), key=lambda r: (r["level"], y[r["id"]]))
    nodes = pd.DataFrame(ordered, columns=[c for c in _NODE_COLUMNS if c not in ("x", "y")])
    nodes["x"] = nodes["level"].astype(float)
    nodes["y"] = nodes["id"].map(y).astype(float)
    nodes = nodes[_NODE_COLUMNS]
    pos = nodes.set_index("id")[["x", "y"]]
    linked = nodes[nodes["parent"].notna()]
    edges = pd.DataFrame(
        {
            "parent": linked["parent"].to_numpy(),
            "child": linked["id"].to_numpy(),
            "x": pos.loc[linked["parent"], "x"].to_numpy(),
            "y": pos.loc[linked["parent"], "y"].to_numpy(),
            "x2": linked["x"].to_numpy(),
            "y2": linked["y"].to_numpy(),
        },
        columns=_EDGE_COLUMNS,
    )
    return nodes, edges
