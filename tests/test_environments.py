"""pyproject.toml is the one source of truth; the conda files must agree with it."""

import re
import tomllib

import yaml

from helpers import ROOT


def _split(spec: str) -> tuple[str, str]:
    match = re.match(r"^([A-Za-z0-9_.\-]+)(\[[^\]]*\])?\s*(.*)$", spec.strip())  # pip's extras: not conda's
    return match.group(1).lower(), match.group(3).replace(" ", "")


def _conda(path) -> dict[str, str]:
    deps = yaml.safe_load(path.read_text(encoding="utf-8"))["dependencies"]
    return dict(_split(d) for d in deps if isinstance(d, str) and not d.startswith(("python=", "pip")))


def _pyproject():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return dict(map(_split, data["dependencies"])), dict(map(_split, data["optional-dependencies"]["test"]))


def test_environment_yml_matches_pyproject():
    run, test = _pyproject()
    assert _conda(ROOT / "environment.yml") == {**run, **test}


def test_binder_environment_matches_runtime_dependencies():
    run, _ = _pyproject()
    assert _conda(ROOT / "binder" / "environment.yml") == run
    assert "pip install" in (ROOT / "binder" / "postBuild").read_text()


def test_installed_voila_is_past_the_file_read_fix():
    """Voilà before 0.5.6 served any file under the notebook folder; both the pin and the
    installed version must exclude it."""
    from importlib.metadata import version

    from packaging.specifiers import SpecifierSet
    from packaging.version import Version

    run, _ = _pyproject()
    pin = SpecifierSet(run["voila"])
    assert Version("0.5.5") not in pin
    assert Version("0.5.6") in pin
    assert Version(version("voila")) in pin
