import pytest


@pytest.fixture
def warehouse_file(tmp_path, settings):
    """Each test its own warehouse file and lake folder."""
    settings.LUUKKU_WAREHOUSE_PATH = tmp_path / "warehouse.duckdb"
    settings.LUUKKU_WAREHOUSE_EXPORT = tmp_path / "lake"
    settings.LUUKKU_PSEUDONYM_KEY = "test-pseudonym-key"
    return settings.LUUKKU_WAREHOUSE_PATH
