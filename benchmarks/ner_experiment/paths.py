"""Where the experiment's scripts read and write, relative to the repository."""
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SHARED = REPO.parent / "shared"
WORK = REPO / "benchmarks" / ".work" / "ner"
