"""Third-party UBL samples, fetched at test time from PyPI (GPL/AGPL: never committed).

- OASIS UBL 2.1 example invoice, credit note and trivial invoice, as shipped in
  ``trytond-edocument-ubl==8.2.0`` (GPL-3.0) under ``trytond/modules/edocument_ubl/tests/``.
- The Dutch "UBL Ketentest" reference invoice (SI-UBL 1.x, UBL 2.0), as shipped in
  ``odoo-addon-account-invoice-import-ubl==18.0.1.2.0`` (AGPL-3.0) under ``tests/files/``.

Wheels are cached in pytest's cache directory (or a session temp dir); a test that needs
one is skipped, with the pip error, only when the download fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

TRYTON = "trytond-edocument-ubl==8.2.0"
TRYTON_DIR = "trytond/modules/edocument_ubl/tests/"
ODOO = "odoo-addon-account-invoice-import-ubl==18.0.1.2.0"
ODOO_DIR = "odoo/addons/account_invoice_import_ubl/tests/files/"


def _cache_dir(config: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> Path:
    cache = getattr(config, "cache", None)
    if cache is not None:
        return Path(cache.mkdir("einvoice-samples"))
    return tmp_path_factory.getbasetemp() / "einvoice-samples"


def _wheel(spec: str, cache: Path) -> Path:
    name, version = spec.split("==")
    prefix = f"{name.replace('-', '_')}-{version}-"
    cache.mkdir(parents=True, exist_ok=True)
    for found in cache.glob(f"{prefix}*.whl"):
        return found
    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        try:
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "download",
                    "--no-deps",
                    "--only-binary=:all:",
                    "--disable-pip-version-check",
                    "-q",
                    spec,
                    "-d",
                    tmp,
                ],
                capture_output=True,
                text=True,
                timeout=300,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            pytest.skip(f"could not download {spec} from PyPI: {exc}")
        wheels = list(Path(tmp).glob(f"{prefix}*.whl"))
        if done.returncode != 0 or not wheels:
            pytest.skip(f"could not download {spec} from PyPI: {done.stderr.strip()[-500:]}")
        target = cache / wheels[0].name
        os.replace(wheels[0], target)  # atomic: parallel workers never see half a file
        return target


class Samples:
    def __init__(self, wheel: Path, folder: str) -> None:
        self.wheel = wheel
        self.folder = folder

    def read(self, name: str) -> bytes:
        with zipfile.ZipFile(self.wheel) as archive:
            return archive.read(self.folder + name)


@pytest.fixture(scope="session")
def oasis_samples(pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory) -> Samples:
    return Samples(_wheel(TRYTON, _cache_dir(pytestconfig, tmp_path_factory)), TRYTON_DIR)


@pytest.fixture(scope="session")
def ketentest_samples(
    pytestconfig: pytest.Config, tmp_path_factory: pytest.TempPathFactory
) -> Samples:
    return Samples(_wheel(ODOO, _cache_dir(pytestconfig, tmp_path_factory)), ODOO_DIR)
