#!/usr/bin/env bash
# Re-vendor plotly.js's basic bundle (scatter, bar, pie: every chart campaignkit draws)
# from the npm registry, at the version the plotly Python package bundles, so that the
# static pages (talk handouts, phone pages) draw exactly what the dashboards draw.
# A user's machine needs no npm: the bundle ships inside the package.
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(.venv/bin/python -c "import re,plotly,pathlib;p=pathlib.Path(plotly.__file__).parent/'package_data/plotly.min.js';print(re.search(r'plotly.js v([0-9.]+)',p.read_text()[:200]).group(1))")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "plotly.js-basic-dist-min@${version}" >/dev/null && tar xzf ./*.tgz)
cp "$work/package/plotly-basic.min.js" campaignkit/ui/vendor/plotly-basic.min.js
cp "$work/package/LICENSE" campaignkit/ui/vendor/plotly-LICENSE.txt
echo "plotly.js-basic-dist-min ${version} → campaignkit/ui/vendor/"
