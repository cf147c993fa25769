"""Errors of campaignkit's own pages in Chinese, for whoever hits them (a phone in the hall): the
server's stock error page is Jupyter's, in English, and needs templates a campaign server does
not load — a malformed request then ends in "Uncaught exception in write_error"."""

from __future__ import annotations

from . import static

WORDS = {
    400: ("请求有误", "提交的内容不完整或格式不对，请刷新页面后重新填写。"),
    403: ("不能打开", "没有打开这一页的权限：请扫会场上的二维码，或用宣讲员给的网址。"),
    404: ("找不到这一页", "地址不对，或者这一页已经撤下。"),
    405: ("不能这样打开", "这一页不能这样打开，请从首页点进来。"),
    413: ("内容太多", "提交的内容太多了，请删短一些再提交。"),
}


class ChineseErrors:
    """Mixed into a tornado handler (before it): error pages in Chinese, never a traceback."""

    def write_error(self, status_code: int, **kwargs) -> None:
        title, text = WORDS.get(status_code, ("暂时出了点问题", "请稍后再试；一直不行请告诉宣讲员。"))
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(static.message_page(title, text))
