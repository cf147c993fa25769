"""One layout for every chart a person sees, static page or Voilà dashboard: charts are
built for a laptop, and in the browser they are laid out again for the width they get and
for 长辈模式 (:data:`FIT_SCRIPT`, ``window.ckFit(spec, width)``).

Static pages call ``ckFit`` before drawing. Voilà dashboards are drawn by JupyterLab's
plotly renderer, which loads its plotly.js as ``window.Plotly`` and calls ``Plotly.react``:
:data:`VOILA_SCRIPT` (served as ``/campaignkit/static/fit.js``, loaded by the campaignkit
Voilà template before the renderer) wraps that ``react`` so every dashboard chart is laid
out the same way, and again when the window's width or the mode changes.
"""

from __future__ import annotations

from .assets import script
from .elder import CHART_TEXT_PX

# Charts are built for a laptop; on a narrow screen (a phone) they are laid out again for the
# width they get, before drawing (js/fit.js).
FIT_SCRIPT = script(__package__, "fit.js").replace("CHART_TEXT_PX", str(CHART_TEXT_PX))
VOILA_SCRIPT = script(__package__, "voila.js")
