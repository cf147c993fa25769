"""``campaignkit serve`` (the dashboards, on this laptop or the hall's network) and
``campaignkit lab`` (JupyterLab on the notebooks, with Voilà's preview)."""

from __future__ import annotations

import argparse

from ..core.commands import add_campaign_argument, add_lab_arguments


def add_parsers(sub) -> None:
    serve = sub.add_parser("serve", help="用 Voilà 启动看板")
    add_campaign_argument(serve)
    serve.add_argument("--port", type=int, default=None, help="端口（默认 8866；--lan 时沿用上次的端口）")
    serve.add_argument("--lan", action="store_true", help="让同一局域网的手机、电脑访问（需要口令，终端显示二维码）")
    serve.add_argument("--ip", default=None, help="绑定的地址（默认 127.0.0.1；--lan 时为 0.0.0.0）")
    serve.add_argument("--open", action="store_true", help="启动后打开浏览器")
    serve.add_argument("--notebooks", default=None, help="看板笔记本所在的文件夹（默认：内置的 notebooks）")
    serve.add_argument("--new-token", action="store_true", help="换一个新口令（之前打印的二维码、网址随之失效）")
    serve.add_argument(
        "--max-viewers",
        type=int,
        default=None,
        help="同时打开的看板页面上限（每页约占 200 MB 内存；默认 16），超过时显示“人数已满”",
    )
    serve.add_argument(
        "--unconnected-timeout", type=float, default=None, help="页面一直没有连上时，多少秒后收回它占用的内存（默认 60）"
    )
    serve.add_argument(
        "--show-staff",
        action="store_true",
        help="局域网模式下也打印走访干部登记用的地址（带干部钥匙；不要在投影时用）",
    )
    serve.add_argument(
        "--vanished-timeout",
        type=float,
        default=None,
        help="看板页面断开（浏览器被关掉、手机关机）后，多少秒后收回它占用的内存（默认 180）",
    )
    serve.set_defaults(run=serve_command)

    lab = sub.add_parser("lab", help="用 JupyterLab 打开看板笔记本，修改文字并用 Voilà 预览（不需要联网）")
    add_lab_arguments(lab)
    lab.add_argument("--notebooks", default=None, help="笔记本所在的文件夹（默认：内置的 notebooks）")
    lab.set_defaults(run=lab_command)


def serve_command(args: argparse.Namespace) -> int:
    from ..server.serve import serve

    # Left out when not given: serve's defaults (server.kernels') are the one source.
    limits = {
        k: v
        for k, v in (
            ("max_viewers", args.max_viewers),
            ("unconnected_timeout", args.unconnected_timeout),
            ("vanished_timeout", args.vanished_timeout),
        )
        if v is not None
    }
    return serve(
        args.campaign,
        port=args.port,
        lan=args.lan,
        ip=args.ip,
        open_browser=args.open,
        notebooks=args.notebooks,
        new_token=args.new_token,
        show_staff=args.show_staff,
        **limits,
    )


def lab_command(args: argparse.Namespace) -> int:
    from ..server.lab import lab

    return lab(args.campaign, port=args.port, notebooks=args.notebooks, open_browser=not args.no_browser)
