"""The PostgreSQL fixtures for the library tests, until tests/conftest.py loads tests.postgres for all."""

from tests.postgres import (  # noqa: F401  (fixtures, found by name)
    postgres_cluster,
    postgres_library_url,
    postgres_template,
    postgres_url,
)
