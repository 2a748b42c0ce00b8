"""A force-directed layout computed in Python, so the browser does not have to.

vis-network's own physics needs about 24 s to settle 5,000 nodes from random positions
(and never does with its default settings); a page that freezes that long is not one
people explore. So the export places the nodes itself and the page only draws them (small
graphs still get a short polish from the browser's physics).

networkx's ``spring_layout`` is no help at these sizes: without SciPy it builds an
``n x n x 2`` array (400 MB at 5k nodes), and its sparse variant loops over nodes in
Python. This is Fruchterman-Reingold in NumPy (float32, flat arrays) where, above
:data:`EXACT_LIMIT` nodes, the all-pairs repulsion is replaced by two cheap parts:

* far field: every node is pushed by each cell of a coarse grid as one point at the cell's
  centre of mass weighted by its node count (softened, so a node's own cell pushes it
  outwards instead of exploding): ``n x cells`` pairs;
* near field: nodes sorted by a fine grid, row-major and then column-major, are pushed by
  their ``neighbours`` predecessors and successors in each order: ``n x 4 x neighbours``
  pairs, contiguous ``np.roll`` arithmetic with no gathers.

Cost per iteration is linear in ``n``; 5k nodes take a few seconds in all.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

#: Up to this many nodes the repulsion is exact (all pairs).
EXACT_LIMIT = 600
#: Room per node, in vis-network's canvas units (nodes are drawn 20-100 units wide and
#: its default spring length is 95).
SPACING = 75.0
#: Pull towards the centre; repulsion on the rim of a disc of radius R is about 1/R, so the
#: layout fills a disc of radius about 1/sqrt(GRAVITY) (in FR's unit square).
GRAVITY = 4.0


def force_layout(n: int, edges: Sequence[tuple[int, int]], *, iterations: int | None = None,
                 seed: int = 7, neighbours: int = 8) -> np.ndarray:
    """Positions (``n x 2``, float64) for nodes ``0..n-1`` joined by ``edges``.

    Deterministic for a given ``seed``, so re-exports of the same graph look the same.
    """
    if n <= 1:
        return np.zeros((n, 2))
    rng = np.random.default_rng(seed)
    e = np.asarray([(a, b) for a, b in edges if a != b], dtype=np.int64).reshape(-1, 2)
    k2 = np.float32(1.0 / n)  # FR's ideal distance k = 1/sqrt(n), squared
    x, y = _initial(n, e, rng)
    if iterations is None:
        iterations = 80 if n <= 8000 else 50
    t = 0.1
    cool = t / (iterations + 1)
    for _ in range(iterations):
        if n <= EXACT_LIMIT:
            fx, fy = _repulsion_exact(x, y, k2)
        else:
            fx, fy = _repulsion_approx(x, y, k2, neighbours)
        if len(e):
            dx = x[e[:, 0]] - x[e[:, 1]]
            dy = y[e[:, 0]] - y[e[:, 1]]
            w = np.sqrt(dx * dx + dy * dy) * np.float32(math.sqrt(n))  # |F| = dist^2 / k
            ax, ay = dx * w, dy * w
            fx -= np.bincount(e[:, 0], weights=ax, minlength=n).astype(np.float32)
            fx += np.bincount(e[:, 1], weights=ax, minlength=n).astype(np.float32)
            fy -= np.bincount(e[:, 0], weights=ay, minlength=n).astype(np.float32)
            fy += np.bincount(e[:, 1], weights=ay, minlength=n).astype(np.float32)
        fx -= GRAVITY * x
        fy -= GRAVITY * y
        length = np.maximum(np.sqrt(fx * fx + fy * fy), np.float32(1e-9))
        step = np.minimum(length, np.float32(t)) / length
        x += fx * step
        y += fy * step
        t -= cool
    return _scale(np.stack([x, y], axis=1).astype(np.float64), e)


def _initial(n: int, e: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Random start, then each node pulled halfway to its neighbours' mean a few times: a
    cheap head start that puts papers next to the entities they mention."""
    pos = rng.random((n, 2)) - 0.5
    if len(e):
        cnt = np.bincount(e.ravel(), minlength=n).astype(float)
        has = cnt > 0
        for _ in range(3):
            acc = np.zeros((n, 2))
            for axis in (0, 1):
                acc[:, axis] += np.bincount(e[:, 0], weights=pos[e[:, 1], axis], minlength=n)
                acc[:, axis] += np.bincount(e[:, 1], weights=pos[e[:, 0], axis], minlength=n)
            pos[has] = 0.5 * pos[has] + 0.5 * acc[has] / cnt[has, None]
            pos += (rng.random((n, 2)) - 0.5) * 0.05
    pos = pos.astype(np.float32)
    return pos[:, 0].copy(), pos[:, 1].copy()


def _pairs(dx: np.ndarray, dy: np.ndarray, soft: np.float32) -> np.ndarray:
    """The factor ``k^2 / dist^2`` (times k^2 outside) applied to a displacement."""
    a = dx * dx
    a += dy * dy
    a += soft
    return np.reciprocal(a, out=a)


def _repulsion_exact(x: np.ndarray, y: np.ndarray, k2: np.float32) -> tuple[np.ndarray, np.ndarray]:
    dx = x[:, None] - x[None, :]
    dy = y[:, None] - y[None, :]
    w = _pairs(dx, dy, np.float32(1e-4) * k2)
    return (dx * w).sum(axis=1) * k2, (dy * w).sum(axis=1) * k2


def _repulsion_approx(x: np.ndarray, y: np.ndarray, k2: np.float32,
                      neighbours: int) -> tuple[np.ndarray, np.ndarray]:
    n = len(x)
    x0, x1, y0, y1 = x.min(), x.max(), y.min(), y.max()
    sx = max(float(x1 - x0), 1e-9)
    sy = max(float(y1 - y0), 1e-9)
    # far field: coarse grid, about 16 nodes a cell, at most 16 x 16 cells
    side = max(4, min(16, int(math.sqrt(n / 16))))
    cx = np.minimum(((x - x0) / sx * side).astype(np.int64), side - 1)
    cy = np.minimum(((y - y0) / sy * side).astype(np.int64), side - 1)
    cell = cx * side + cy
    count = np.bincount(cell, minlength=side * side).astype(np.float32)
    occ = np.flatnonzero(count)
    mx = (np.bincount(cell, weights=x, minlength=side * side)[occ] / count[occ]).astype(np.float32)
    my = (np.bincount(cell, weights=y, minlength=side * side)[occ] / count[occ]).astype(np.float32)
    m = count[occ]
    soft = np.float32((sx / side) ** 2 + (sy / side) ** 2) * np.float32(0.25)
    fx = np.empty(n, dtype=np.float32)
    fy = np.empty(n, dtype=np.float32)
    chunk = max(1, 1_000_000 // len(occ))
    for s in range(0, n, chunk):
        dx = x[s:s + chunk, None] - mx[None, :]
        dy = y[s:s + chunk, None] - my[None, :]
        w = _pairs(dx, dy, soft)
        w *= m
        fx[s:s + chunk] = (dx * w).sum(axis=1)
        fy[s:s + chunk] = (dy * w).sum(axis=1)
    # near field: neighbours in row-major and column-major order of a fine grid
    fine = max(2, int(math.sqrt(n / 4)))
    fxi = np.minimum(((x - x0) / sx * fine).astype(np.int64), fine - 1)
    fyi = np.minimum(((y - y0) / sy * fine).astype(np.int64), fine - 1)
    tiny = np.float32(1e-4) * k2
    for key in (fxi * fine + fyi, fyi * fine + fxi):
        order = np.argsort(key, kind="stable")
        ox, oy = x[order], y[order]
        gx = np.zeros(n, dtype=np.float32)
        gy = np.zeros(n, dtype=np.float32)
        for shift in range(1, neighbours + 1):
            for sgn in (shift, -shift):
                dx = ox - np.roll(ox, sgn)
                dy = oy - np.roll(oy, sgn)
                w = _pairs(dx, dy, tiny)
                gx += dx * w
                gy += dy * w
        fx[order] += gx * np.float32(0.5)
        fy[order] += gy * np.float32(0.5)
    return fx * k2, fy * k2


def _scale(pos: np.ndarray, e: np.ndarray) -> np.ndarray:
    """Centred and scaled to a fixed density: the layout's disc gets :data:`SPACING`
    squared canvas units of area per node, whatever the force balance above settled on
    (so node sizes and label thresholds mean the same at every graph size)."""
    pos = pos - pos.mean(axis=0)
    rms = float(np.sqrt((pos ** 2).sum(axis=1).mean()))
    if rms <= 0:
        return pos
    radius = SPACING * math.sqrt(len(pos) / math.pi)  # of a disc with that density
    return pos * (radius / (rms * math.sqrt(2.0)))    # a uniform disc has rms = R / sqrt 2
