"""Dashboard benchmark: the ledger dashboard against a bare-notebook floor, in one run.

Measures, for the ledger dashboard on the sample campaign and on a generated
large campaign (5 regions × 200 indicators × 12 years, 2,000 projects):

- time until the chart is visible in headless Chromium, cold (served by
  ``campaignkit serve``, as viewers get it) and preheated (standalone Voilà with a
  pooled kernel, a reference: preheating is not part of ``campaignkit serve``),
  against the same for a bare notebook that only imports pandas, plotly and
  ipywidgets and shows one figure (the floor);
- bytes transferred for the page (HTTP bodies + websocket frames) and the
  kernel's memory (RSS);
- kernel-side time of one control change → figure updated (p50, p95), run in a
  real kernel, on the large campaign.

Targets (issue 3): preheated ≤ 1.2× the preheated floor; control change p50 ≤ 20 ms,
p95 ≤ 50 ms; page bytes ≤ 1.5× the floor's.

Run: ``python benchmarks/bench_dashboards.py [--repeat 3] [--changes 100]``
(needs Debian's chromium, as `make test` installs).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "browser"))
sys.path.insert(0, str(ROOT))

from campaignkit.core.paths import notebooks_dir, sample_campaign_dir  # noqa: E402
from campaignkit.features import registry  # noqa: E402
from campaignkit.server.settings import kernel_environment  # noqa: E402
from support import CHROMIUM, CHROMIUM_ARGS, free_port  # noqa: E402

WORK = Path(__file__).resolve().parent / "_work"
FLOOR_CODE = (
    "import pandas as pd\nimport plotly.graph_objects as go\nimport ipywidgets as widgets\n\n"
    "go.Figure(go.Scatter(x=list(range(2012, 2024)), y=list(range(12))))"
)


# -- inputs ----------------------------------------------------------------------


def large_campaign() -> Path:
    folder = WORK / "large_campaign"
    if (folder / "indicators.csv").exists():
        return folder
    import csv

    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(sample_campaign_dir() / "campaign.toml", folder / "campaign.toml")
    rng = random.Random(3)
    regions = ["红柳嘎查", "沙柳嘎查", "柠条嘎查", "杨树村", "阳光社区"]
    categories = ["经济", "收入", "民生", "生态", "基础设施"]
    with open(folder / "indicators.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["地区", "指标", "年份", "数值", "单位", "来源", "类别", "示例"])
        for i in range(200):
            unit = ["元", "万元", "%", "人", "公里"][i % 5]
            for region in regions:
                value = rng.uniform(10, 1000)
                for year in range(2012, 2024):
                    value *= rng.uniform(1.0, 1.1)
                    w.writerow([region, f"指标{i:03d}", year, round(value, 2), unit, "基准测试生成数据", categories[i % 5], "是"])
    with open(folder / "projects.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(
            ["项目", "年份", "地区", "类别", "中央", "自治区", "市级", "旗级", "镇级", "资金单位", "实物量", "实物量单位", "示例"]
        )
        for i in range(2000):
            w.writerow(
                [
                    f"项目{i}",
                    rng.randint(2012, 2023),
                    rng.choice(regions),
                    rng.choice(categories),
                    *(round(rng.uniform(0, 100), 1) for _ in range(5)),
                    "万元",
                    rng.randint(1, 50),
                    "处",
                    "是",
                ]
            )
    return folder


def floor_notebooks() -> Path:
    import nbformat as nbf

    folder = WORK / "floor"
    folder.mkdir(parents=True, exist_ok=True)
    nb = nbf.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbf.v4.new_code_cell(FLOOR_CODE)]
    nbf.write(nb, folder / "floor.ipynb")
    return folder


# -- a served page in Chromium -------------------------------------------------------


# Standalone Voilà with a pooled (preheated) kernel: the reference for the preheated column.
PREHEAT_CONFIG = {
    "VoilaConfiguration": {
        "template": "campaignkit",
        "theme": "light",
        "show_tracebacks": False,
        "preheat_kernel": True,
        "default_pool_size": 1,
    },
    "VoilaKernelManager": {
        # Only the ledger (and the floor) are preheated: every other registered page is not.
        "preheat_denylist": [
            "index",
            *(p.notebook.removesuffix(".ipynb") for p in registry().pages if p.notebook != "ledger.ipynb"),
        ],
        "fill_delay": 15,
    },
}


def preheated_command(port: int, notebooks: Path) -> list[str]:
    config_dir = WORK / "config-preheat"
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "voila.json").write_text(json.dumps(PREHEAT_CONFIG))
    return [
        sys.executable,
        "-m",
        "voila",
        str(notebooks),
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        f"--Voila.config_file_paths={config_dir}",
        "--Voila.open_browser=False",
    ]


def served_command(port: int, notebooks: Path, campaign: Path) -> list[str]:
    return [sys.executable, "-m", "campaignkit", "serve", str(campaign), "--notebooks", str(notebooks), "--port", str(port)]


class Server:
    def __init__(self, notebooks: Path, campaign: Path, preheat: bool):
        self.port = free_port()
        env = {**os.environ, **kernel_environment(campaign)}
        self.log = open(WORK / f"server-{self.port}.log", "w+")
        command = preheated_command(self.port, notebooks) if preheat else served_command(self.port, notebooks, campaign)
        self.process = subprocess.Popen(
            command,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.base = f"http://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(self.base + "/voila/tree", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("voila did not start") from None
                time.sleep(0.3)

    def wait_pool(self, notebook: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.log.seek(0)
            if f"Kernel pool of {notebook} is filled" in self.log.read():
                # Voilà logs this when the kernel is up; the notebook may still be
                # executing in it (seconds on the large campaign): let it finish.
                time.sleep(12.0)
                return
            time.sleep(0.3)
        raise RuntimeError(f"pool for {notebook} never filled")

    def kernel_rss_mb(self) -> float:
        """Largest RSS among this server's kernels (the viewer's kernel is the newest and fullest)."""
        # Kernels are Voilà's children (jupyter_client gives each its own session).
        out = subprocess.run(["pgrep", "-P", str(self.process.pid), "-f", "ipykernel_launcher"], capture_output=True, text=True)
        best = 0
        for pid in out.stdout.split():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        best = max(best, int(line.split()[1]))
            except OSError:
                pass
        return best / 1024

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.log.close()


def load_page(browser, url: str) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sizes = {"http": 0, "ws": 0}

    def on_finished(request):
        try:
            s = request.sizes()
            sizes["http"] += s["responseBodySize"] + s["responseHeadersSize"]
        except Exception:
            pass

    page.on("requestfinished", on_finished)
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: sizes.__setitem__("ws", sizes["ws"] + len(payload))))
    start = time.perf_counter()
    page.goto(url, wait_until="commit", timeout=180_000)  # the chart, not the load event, is the measure
    page.wait_for_selector(".js-plotly-plot .main-svg", timeout=120_000)
    visible = time.perf_counter() - start
    time.sleep(1.0)  # let the last frames arrive before counting bytes
    context.close()
    return {"seconds": visible, "bytes": sizes["http"] + sizes["ws"]}


def page_measures(repeat: int) -> dict[str, dict]:
    from playwright.sync_api import sync_playwright

    cases = {
        "floor": (floor_notebooks(), sample_campaign_dir(), "floor.ipynb"),
        "ledger/sample": (notebooks_dir(), sample_campaign_dir(), "ledger.ipynb"),
        "ledger/large": (notebooks_dir(), large_campaign(), "ledger.ipynb"),
    }
    results: dict[str, dict] = {name: {"cold": [], "preheated": [], "bytes": [], "rss": []} for name in cases}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(repeat):
            for name, (notebooks, campaign, nb) in cases.items():
                server = Server(notebooks, campaign, preheat=False)
                try:
                    cold = load_page(browser, f"{server.base}/voila/render/{nb}")
                    results[name]["cold"].append(cold["seconds"])
                    results[name]["bytes"].append(cold["bytes"])
                    results[name]["rss"].append(server.kernel_rss_mb())
                finally:
                    server.stop()
                server = Server(notebooks, campaign, preheat=True)
                try:
                    server.wait_pool(nb)
                    results[name]["preheated"].append(load_page(browser, f"{server.base}/voila/render/{nb}")["seconds"])
                except Exception:  # the Voilà preheat hang (see campaignkit/server/serve.py): count it, go on
                    results[name]["preheated"].append(float("nan"))
                finally:
                    server.stop()
        browser.close()
    return results


# -- kernel-side control changes -------------------------------------------------------

KERNEL_CODE = r"""
import json, random, time
from campaignkit import load_campaign
from campaignkit.ledger.view import LedgerView
from IPython.display import display
c = load_campaign({path!r})
w = LedgerView(c.tables["indicators"])
display(w)
rng = random.Random(1)
times = []
names = list(c.tables["indicators"]["indicator"].unique())
for i in range({n}):
    kind = i % 3
    t = time.perf_counter()
    if kind == 0:
        start = rng.randint(w.years.min, w.years.max - 1)
        w.years.value = (start, rng.randint(start + 1, w.years.max))
    elif kind == 1:
        w.large.value = not w.large.value
    else:
        w.compare_region.value = rng.choice(list(w.compare_region.options))
    times.append((time.perf_counter() - t) * 1000)
t = time.perf_counter(); w.indicator.value = rng.choice(list(w.indicator.options)); ind_ms = (time.perf_counter() - t) * 1000
print("RESULT" + json.dumps({{"times": times, "indicator_ms": ind_ms, "status": w.status.value}}))
"""


def kernel_changes(campaign: Path, n: int) -> dict:
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3")
    try:
        out = []

        def hook(msg):
            if msg["msg_type"] == "stream":
                out.append(msg["content"]["text"])

        kc.execute_interactive(KERNEL_CODE.format(path=str(campaign), n=n), output_hook=hook, timeout=600)
        text = "".join(out)
        return json.loads(text[text.index("RESULT") + 6 :].splitlines()[0])
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--changes", type=int, default=100)
    args = parser.parse_args()
    WORK.mkdir(exist_ok=True)

    res = page_measures(args.repeat)
    med = {
        name: {k: statistics.median([x for x in v if x == x] or [float("nan")]) for k, v in r.items()} for name, r in res.items()
    }
    hangs = {name: sum(1 for x in r["preheated"] if x != x) for name, r in res.items()}
    print(f"\npage loads in headless Chromium, median of {args.repeat}")
    print(f"{'page':<16}{'cold s':>8}{'preheated s':>13}{'bytes MB':>10}{'kernel MB':>11}")
    for name, m in med.items():
        print(f"{name:<16}{m['cold']:>8.2f}{m['preheated']:>13.2f}{m['bytes'] / 1e6:>10.2f}{m['rss']:>11.0f}")
    print("preheated pages that never showed their chart (120 s):", hangs)
    floor = med["floor"]
    for name in ("ledger/sample", "ledger/large"):
        m = med[name]
        print(
            f"{name}: preheated / floor preheated = {m['preheated'] / floor['preheated']:.2f}x (target <= 1.2x); "
            f"cold / floor cold = {m['cold'] / floor['cold']:.2f}x; bytes / floor = {m['bytes'] / floor['bytes']:.2f}x (target <= 1.5x)"
        )

    for label, campaign in (("sample", sample_campaign_dir()), ("large", large_campaign())):
        k = kernel_changes(campaign, args.changes)
        times = k["times"]
        print(
            f"\nkernel-side control change → figure updated, {label} campaign, {len(times)} changes: "
            f"p50 {pct(times, 50):.1f} ms, p95 {pct(times, 95):.1f} ms (targets 20 / 50 ms); "
            f"indicator switch {k['indicator_ms']:.1f} ms; status line: {k['status'] or 'empty'}"
        )


if __name__ == "__main__":
    main()
