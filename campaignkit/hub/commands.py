"""``campaignkit hub …``: a hub folder, its keys and its status (they work whether or not a
hub server runs: the folder's PostgreSQL is started for the command when it is not)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from ..core.commands import Exit, add_campaign_argument
from .errors import HubError


def add_parser(sub) -> None:
    hub = sub.add_parser("hub", help="旗（或镇）的汇总中心：各台电脑报送的记录存进 PostgreSQL，汇总查看")
    hub_sub = hub.add_subparsers(dest="hub_command", required=True, metavar="子命令")
    init = hub_sub.add_parser("init", help="新建一个中心文件夹（PostgreSQL 数据也在里面，除非用 --db 指定数据库服务器）")
    init.add_argument("hub_dir", metavar="中心文件夹")
    init.add_argument("--db", default=None, metavar="URL", help="已有的 PostgreSQL 数据库，如 postgresql://用户@服务器/库名")
    init.set_defaults(run=_guarded(_init))
    keys = hub_sub.add_parser("keys", help="各镇的钥匙：发、列出、作废")
    keys_sub = keys.add_subparsers(dest="keys_command", required=True, metavar="子命令")
    add = keys_sub.add_parser("add", help="给一个镇发一把钥匙（打印在最后一行，只显示这一次）")
    add.add_argument("town", metavar="镇名")
    add.add_argument("hub_dir", metavar="中心文件夹")
    add.set_defaults(run=_guarded(_keys_add))
    listing = keys_sub.add_parser("list", help="列出发过的钥匙（只列编号，不列钥匙本身）")
    listing.add_argument("hub_dir", metavar="中心文件夹")
    listing.set_defaults(run=_guarded(_keys_list))
    revoke = keys_sub.add_parser("revoke", help="作废一把钥匙（写整把钥匙，或 keys list 里的 8 位编号）")
    revoke.add_argument("key", metavar="钥匙")
    revoke.add_argument("hub_dir", metavar="中心文件夹")
    revoke.set_defaults(run=_guarded(_keys_revoke))
    status = hub_sub.add_parser("status", help="各镇最近一次报送的时间和存了多少条记录")
    status.add_argument("hub_dir", metavar="中心文件夹")
    status.add_argument("--format", choices=("text", "json"), default="text", help="输出格式（默认 text）")
    status.set_defaults(run=_guarded(_status))
    serve = hub_sub.add_parser("serve", help="启动汇总中心（和文件夹里的 PostgreSQL）：各镇用 campaignkit push 报送")
    serve.add_argument("hub_dir", metavar="中心文件夹")
    serve.add_argument("--port", type=int, default=8870, help="端口（默认 8870）")
    serve.add_argument("--lan", action="store_true", help="让局域网里的电脑也能报送（默认只有本机）")
    serve.set_defaults(run=_guarded(_serve))
    importing = hub_sub.add_parser(
        "import", help="收下一个镇用 U 盘带来的报送文件（campaignkit bundle 做的；重复导入不会重复计数）"
    )
    importing.add_argument("file", metavar="报送文件")
    importing.add_argument("hub_dir", metavar="中心文件夹")
    importing.set_defaults(run=_guarded(_import))
    backup = hub_sub.add_parser("backup", help="把中心的数据库备份成一个文件（pg_dump）")
    backup.add_argument("hub_dir", metavar="中心文件夹")
    backup.add_argument("--out", required=True, metavar="备份文件")
    backup.set_defaults(run=_guarded(_backup))
    restore = hub_sub.add_parser("restore", help="用备份文件恢复中心的数据库（pg_restore；恢复前的数据被替换）")
    restore.add_argument("file", metavar="备份文件")
    restore.add_argument("hub_dir", metavar="中心文件夹")
    restore.set_defaults(run=_guarded(_restore))
    forget = hub_sub.add_parser("forget", help="删掉一个镇：它的钥匙和它报送的全部记录")
    forget.add_argument("town", metavar="镇名")
    forget.add_argument("hub_dir", metavar="中心文件夹")
    forget.set_defaults(run=_guarded(_forget))


def add_push_parser(sub) -> None:
    push = sub.add_parser("push", help="把本镇新的记录报送给旗里的汇总中心（断了再运行一次接着报，重复运行不会重复计数）")
    add_campaign_argument(push)
    push.add_argument("--hub", required=True, metavar="URL", help="汇总中心的地址，如 https://hub.example.gov.cn")
    push.add_argument("--key", required=True, metavar="钥匙", help="旗里发给本镇的钥匙")
    push.set_defaults(run=_guarded(_push))


def _push(args: argparse.Namespace) -> int:
    from ..core.campaign import resolve_campaign_dir
    from .push import push

    done = push(resolve_campaign_dir(args.campaign), args.hub, args.key)
    print(done.said())
    return Exit.OK


def _serve(args: argparse.Namespace) -> int:
    from .server import serve_hub

    return serve_hub(Path(args.hub_dir), args.port, args.lan)


def add_bundle_parser(sub) -> None:
    bundle = sub.add_parser("bundle", help="把本镇要报送给旗里汇总中心的记录做成一个文件（U 盘带去，hub import 收下）")
    add_campaign_argument(bundle)
    bundle.add_argument("--out", required=True, metavar="报送文件", help="输出文件，如 无定河镇-12月.ckbundle")
    bundle.set_defaults(run=_guarded(_bundle))


def _bundle(args: argparse.Namespace) -> int:
    from ..core.campaign import resolve_campaign_dir
    from .bundle import KINDS, write_bundle
    from .reported import report

    made = report(resolve_campaign_dir(args.campaign))
    out = write_bundle(made, Path(args.out))
    kinds = {}
    for record in made.records:
        kinds[record.kind] = kinds.get(record.kind, 0) + 1
    counted = "，".join(f"{KINDS.get(k, k)} {n} 条" for k, n in sorted(kinds.items())) or "没有记录"
    print(f"已做好{made.town}的报送文件 {out.resolve()}：{counted}（没有姓名、身份证号、电话）")
    return Exit.OK


def _import(args: argparse.Namespace) -> int:
    from .bundle import read_bundle
    from .folder import database
    from .receive import receive

    bundle = read_bundle(Path(args.file))
    with database(Path(args.hub_dir)) as connection:
        received = receive(connection, bundle, via="bundle")
    print(f"已收下{bundle.town}的报送{'（示例）' if bundle.illustrative else ''}：{received.said()}")
    return Exit.OK


def _guarded(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except HubError as exc:
            print(str(exc), file=sys.stderr)
            return Exit.UNREADABLE

    return run


def _init(args: argparse.Namespace) -> int:
    from .folder import init_hub

    init_hub(Path(args.hub_dir), args.db)
    print(f"已建好中心文件夹 {Path(args.hub_dir).resolve()}；下一步：campaignkit hub keys add 镇名 {args.hub_dir}")
    return Exit.OK


def _keys_add(args: argparse.Namespace) -> int:
    from .folder import database
    from .keys import add_key

    with database(Path(args.hub_dir)) as connection:
        key = add_key(connection, args.town)
    print(f"“{args.town.strip()}”的钥匙（只显示这一次，交给这个镇的宣讲员；丢了就作废再发一把）：")
    print(key)
    return Exit.OK


def _keys_list(args: argparse.Namespace) -> int:
    from .folder import database
    from .keys import list_keys

    with database(Path(args.hub_dir)) as connection:
        keys = list_keys(connection)
    for town, prefix, issued, revoked in keys:
        print(f"{town}\t{prefix}\t发于 {issued}\t{'作废于 ' + revoked if revoked else '有效'}")
    if not keys:
        print("还没有发过钥匙")
    return Exit.OK


def _keys_revoke(args: argparse.Namespace) -> int:
    from .folder import database
    from .keys import revoke_key

    with database(Path(args.hub_dir)) as connection:
        town = revoke_key(connection, args.key)
    print(f"已作废“{town}”的这把钥匙：用它报送会被拒绝")
    return Exit.OK


def _status(args: argparse.Namespace) -> int:
    from .folder import database
    from .status import hub_status, status_text

    with database(Path(args.hub_dir)) as connection:
        status = hub_status(connection)
    print(json.dumps(status, ensure_ascii=False, indent=2) if args.format == "json" else status_text(status))
    return Exit.OK


def _backup(args: argparse.Namespace) -> int:
    from .backup import backup

    out = backup(Path(args.hub_dir), Path(args.out))
    print(f"已备份到 {out}")
    return Exit.OK


def _restore(args: argparse.Namespace) -> int:
    from .backup import restore

    restore(Path(args.file), Path(args.hub_dir))
    print(f"已用 {Path(args.file).name} 恢复中心的数据库")
    return Exit.OK


def _forget(args: argparse.Namespace) -> int:
    from .folder import database
    from .keys import forget_town

    with database(Path(args.hub_dir)) as connection:
        removed = forget_town(connection, args.town.strip())
    print(f"已删掉“{args.town.strip()}”：它的钥匙和 {removed} 条记录")
    return Exit.OK
