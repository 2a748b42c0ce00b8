"""A force-directed layout computed in Python, so the browser does not have to.

vis-network's own physics needs about 24 s to settle 5,000 nodes from random positions
(and never does with default settings); a page that freezes that long is not one people
explore. So the export places the nodes itself and the page only draws them (small graphs
still get a short polish by the browser's physics).

networkx's ``spring_layout`` is no help at these sizes: without SciPy it builds an
``n x n x 2`` array (400 MB at 5k nodes), and its sparse variant loops over nodes in Python.
This is Fruchterman-Reingold in NumPy with the repulsion made cheap the way the original
paper's grid variant does it: exact between nodes in neighbouring cells of a coarse grid,
and from each farther cell as a single point at the cell's centre of mass. A cell holding
more than ``sample`` nodes is represented by a random sample of them, scaled up, so hubs'
crowds cost the same as anyone else. Cost per iteration is about ``n * (9 * sample + cells)``.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

#: Below this many nodes the repulsion is computed exactly (all pairs, in row chunks).
EXACT_LIMIT = 1500
#: Mean edge length the layout aims at, in vis-network's canvas units (its default
#: spring length is 95 and nodes are drawn 10-40 units wide).
EDGE_LENGTH = 110.0


def force_layout(n: int, edges: Sequence[tuple[int, int]], *, iterations: int | None = None,
                 seed: int = 7, sample: int = 48) -> np.ndarray:
    """Positions (``n x 2``, float) for nodes ``0..n-1`` joined by ``edges``.

    Deterministic for a given ``seed`` so re-exports of the same graph look the same.
    """
    if n == 0:
        return np.zeros((0, 2))
    if n == 1:
        return np.zeros((1, 2))
    rng = np.random.default_rng(seed)
    e = np.asarray([(a, b) for a, b in edges if a != b], dtype=np.int64).reshape(-1, 2)
    k = 1.0 / math.sqrt(n)  # FR's ideal distance in a unit square
    pos = _initial(n, e, rng)
    if iterations is None:
        iterations = 120 if n <= EXACT_LIMIT else 60 if n <= 8000 else 40
    t = 0.1
    cool = t / (iterations + 1)
    deg = np.bincount(e.ravel(), minlength=n).astype(float) if len(e) else np.zeros(n)
    for _ in range(iterations):
        if n <= EXACT_LIMIT:
            disp = _repulsion_exact(pos, k)
        else:
            disp = _repulsion_grid(pos, k, rng, sample)
        if len(e):
            d = pos[e[:, 0]] - pos[e[:, 1]]
            dist = np.maximum(np.hypot(d[:, 0], d[:, 1]), 1e-9)
            f = d * (dist / k)[:, None]  # |F| = dist^2 / k along d
            for axis in (0, 1):
                disp[:, axis] -= np.bincount(e[:, 0], weights=f[:, axis], minlength=n)
                disp[:, axis] += np.bincount(e[:, 1], weights=f[:, axis], minlength=n)
        # gravity keeps components and isolated nodes from drifting off
        disp -= pos * (0.15 * k * n ** 0.5 * (1.0 + deg[:, None] ** 0.5)) * 0.0 + pos * 2.0 * k
        length = np.maximum(np.hypot(disp[:, 0], disp[:, 1]), 1e-9)
        pos += disp * (np.minimum(length, t) / length)[:, None]
        t -= cool
    return _scale(pos, e)


def _initial(n: int, e: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Random start, then each node pulled halfway to its neighbours' mean: a cheap head
    start that puts papers next to the entities they mention."""
    pos = rng.random((n, 2)) - 0.5
    if len(e):
        for _ in range(3):
            acc = np.zeros((n, 2))
            cnt = np.bincount(e.ravel(), minlength=n).astype(float)
            for axis in (0, 1):
                acc[:, axis] += np.bincount(e[:, 0], weights=pos[e[:, 1], axis], minlength=n)
                acc[:, axis] += np.bincount(e[:, 1], weights=pos[e[:, 0], axis], minlength=n)
            has = cnt > 0
            pos[has] = 0.5 * pos[has] + 0.5 * acc[has] / cnt[has, None]
            pos += (rng.random((n, 2)) - 0.5) * 0.05
    return pos


def _repulsion_exact(pos: np.ndarray, k: float, chunk: int = 512) -> np.ndarray:
    """All pairs, ``k^2 / dist`` each, computed ``chunk`` rows at a time to bound memory."""
    n = len(pos)
    disp = np.zeros_like(pos)
    k2 = k * k
    for s in range(0, n, chunk):
        d = pos[s:s + chunk, None, :] - pos[None, :, :]
        dist2 = np.maximum(d[..., 0] ** 2 + d[..., 1] ** 2, 1e-6 * k2)
        disp[s:s + chunk] = (d * (k2 / dist2)[..., None]).sum(axis=1)
    return disp


def _repulsion_grid(pos: np.ndarray, k: float, rng: np.random.Generator,
                    sample: int) -> np.ndarray:
    """Near cells exactly (up to ``sample`` members each), far cells by centre of mass."""
    n = len(pos)
    k2 = k * k
    cells_per_side = max(4, min(48, int(math.sqrt(n / 12))))
    lo = pos.min(axis=0)
    span = np.maximum(pos.max(axis=0) - lo, 1e-9)
    cxy = np.minimum(((pos - lo) / span * cells_per_side).astype(np.int64), cells_per_side - 1)
    cell = cxy[:, 0] * cells_per_side + cxy[:, 1]
    ncell = cells_per_side * cells_per_side
    count = np.bincount(cell, minlength=ncell).astype(float)
    com = np.zeros((ncell, 2))
    for axis in (0, 1):
        com[:, axis] = np.bincount(cell, weights=pos[:, axis], minlength=ncell)
    occupied = count > 0
    com[occupied] /= count[occupied, None]

    # table of up to `sample` members per cell (random ones when crowded), -1 padded
    order = np.lexsort((rng.random(n), cell))
    sorted_cell = cell[order]
    starts = np.searchsorted(sorted_cell, np.arange(ncell))
    rank = np.arange(n) - starts[sorted_cell]
    keep = rank < sample
    table = np.full((ncell, sample), -1, dtype=np.int64)
    table[sorted_cell[keep], rank[keep]] = order[keep]
    weight = np.maximum(count / sample, 1.0)  # a sampled member stands for count/sample nodes

    disp = np.zeros_like(pos)
    # far field: every occupied cell not adjacent to the node's own cell
    ccx, ccy = np.divmod(np.arange(ncell), cells_per_side)
    occ = np.flatnonzero(occupied)
    chunk = max(1, 2_000_000 // max(len(occ), 1))
    for s in range(0, n, chunk):
        p = pos[s:s + chunk]
        near = ((np.abs(cxy[s:s + chunk, 0, None] - ccx[None, occ]) <= 1)
                & (np.abs(cxy[s:s + chunk, 1, None] - ccy[None, occ]) <= 1))
        d = p[:, None, :] - com[None, occ, :]
        dist2 = np.maximum(d[..., 0] ** 2 + d[..., 1] ** 2, 1e-6 * k2)
        w = np.where(near, 0.0, count[occ][None, :] * k2 / dist2)
        disp[s:s + chunk] += (d * w[..., None]).sum(axis=1)
    # near field: members of the 3x3 block of cells around each node
    offsets = [(dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]
    for dx, dy in offsets:
        nx_, ny_ = cxy[:, 0] + dx, cxy[:, 1] + dy
        valid = (nx_ >= 0) & (nx_ < cells_per_side) & (ny_ >= 0) & (ny_ < cells_per_side)
        idx = np.flatnonzero(valid)
        if not len(idx):
            continue
        ncell_of = nx_[idx] * cells_per_side + ny_[idx]
        members = table[ncell_of]  # (m, sample)
        ok = (members >= 0) & (members != idx[:, None])
        other = pos[np.where(ok, members, 0)]
        d = pos[idx, None, :] - other
        dist2 = np.maximum(d[..., 0] ** 2 + d[..., 1] ** 2, 1e-6 * k2)
        w = np.where(ok, weight[ncell_of][:, None] * k2 / dist2, 0.0)
        disp[idx] += (d * w[..., None]).sum(axis=1)
    return disp


def _scale(pos: np.ndarray, e: np.ndarray) -> np.ndarray:
    """Centred and scaled so the median edge is :data:`EDGE_LENGTH` canvas units long."""
    pos = pos - pos.mean(axis=0)
    if len(e):
        d = pos[e[:, 0]] - pos[e[:, 1]]
        med = float(np.median(np.hypot(d[:, 0], d[:, 1])))
    else:
        med = 1.0 / math.sqrt(len(pos))
    return pos * (EDGE_LENGTH / max(med, 1e-9))
