"""Matching: which offers of the sociale kaart fit a question, best first, and why."""

import os

# One matrix product per match is small work: BLAS threads that spin while they wait cost a
# busy server more CPU than they save (measured at 100,000 services: 45 ms against 14 ms of
# CPU per search). Set before numpy is first imported (only this app uses it); an operator's
# own setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
