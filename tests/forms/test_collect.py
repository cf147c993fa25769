"""`campaignkit forms collect`: the OpenRosa address first, and the settings QR code ODK
Collect scans (JSON, zlib, base64) pointing at it."""

from __future__ import annotations

import shutil
import subprocess
import sys

from pypdf import PdfReader

from campaignkit.forms.access import staff_key
from campaignkit.forms.collect import collect_settings, read_payload, settings_payload
from helpers import SAMPLE


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "campaignkit", "forms", "collect", *args], capture_output=True, text=True, timeout=120
    )


def test_the_address_comes_first_and_the_qr_is_written(tmp_path):
    campaign = tmp_path / "campaign"
    shutil.copytree(SAMPLE, campaign, ignore=shutil.ignore_patterns(".campaignkit"))
    done = run(str(campaign), "--address", "http://192.168.1.20:8866", "--out", str(tmp_path / "collect.png"))
    assert done.returncode == 0, done.stderr
    first = done.stdout.splitlines()[0]
    assert first == f"http://192.168.1.20:8866/openrosa/{staff_key(campaign)}"
    assert (tmp_path / "collect.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "visits" in done.stdout
    done = run(str(campaign), "--address", "http://192.168.1.20:8866", "--out", str(tmp_path / "collect.pdf"))
    assert done.returncode == 0, done.stderr
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "collect.pdf").pages)
    assert "ODK Collect" in text
    assert "只发给走访干部" in text
    assert run(str(campaign), "--out", str(tmp_path / "collect.jpg")).returncode != 0


def test_the_payload_is_collects_settings_format():
    url = "http://192.168.1.20:8866/openrosa/KEY"
    settings = read_payload(settings_payload(collect_settings(url, "示例镇宣讲")))
    assert settings["general"]["server_url"] == url
    assert settings["project"]["name"] == "示例镇宣讲"
    assert set(settings) == {"general", "admin", "project"}
