from django.conf import settings

from steunsysteem.core.management.commands.env_docs import render_env_docs


def test_configuration_docs_list_every_environment_variable_as_generated():
    docs = (settings.PROJECT_ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")

    assert docs == render_env_docs(), "Run `steunsysteem env_docs --write` and commit the result."
