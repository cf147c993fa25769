"""What a ``campaignkit forms …`` command starts from, for the core's and the features' alike."""

from __future__ import annotations

import argparse
import sys

from ..features import registry


def with_forms(command):
    """``command(args, forms, folder)`` as a ``run``: the campaign's forms read (with the checks
    the server makes, e.g. a quiz's order questions) and their errors said first."""

    def run(args: argparse.Namespace) -> int:
        from ..core.campaign import resolve_campaign_dir
        from . import CampaignForms

        folder = resolve_campaign_dir(args.campaign)
        forms = CampaignForms(folder, registry().form_checks())
        forms.all()
        for error in forms.errors:
            print(f"[错误] {error}", file=sys.stderr)
        return command(args, forms, folder)

    return run


def named_form(args: argparse.Namespace, forms):
    """The form ``args.form_id`` names, or None with the forms there are said."""
    form = forms.get(args.form_id)
    if form is None:
        known = "、".join(f.form_id for f in forms.all()) or "（没有）"
        print(f"没有编号为“{args.form_id}”的问卷；现有：{known}", file=sys.stderr)
    return form
