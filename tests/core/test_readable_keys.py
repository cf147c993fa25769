"""Keys people copy from a printed slip or a screen: the hall's token and the cadres' key use
no look-alike characters (issue 25: the printed token mixed I, l and 1), are long enough to
guess at no better than 2^-100, and a saved token is kept (yesterday's QR codes still work)."""

from __future__ import annotations

import json

from campaignkit.core.network import LAN_SETTINGS, lan_settings
from campaignkit.forms.access import staff_key

LOOK_ALIKES = set("0O1Il")


def test_new_keys_have_no_look_alikes_and_enough_bits(tmp_path):
    tokens = set()
    for n in range(30):
        folder = tmp_path / f"c{n}"
        folder.mkdir()
        token, _ = lan_settings(folder, None)
        staff = staff_key(folder)
        for key, bits in ((token, 128), (staff, 100)):
            assert not LOOK_ALIKES & set(key), key
            assert key.isalnum()
            assert key.upper() == key
            assert len(key) * 5 >= bits
        tokens.add(token)
    assert len(tokens) == 30


def test_a_saved_token_is_kept(tmp_path):
    (tmp_path / LAN_SETTINGS).parent.mkdir(parents=True)
    (tmp_path / LAN_SETTINGS).write_text(json.dumps({"token": "old-token_Il1", "port": 8870, "staff": "s"}))
    assert lan_settings(tmp_path, None) == ("old-token_Il1", 8870)
    token, _ = lan_settings(tmp_path, None, new_token=True)
    assert token != "old-token_Il1"
    assert not LOOK_ALIKES & set(token)


def test_a_new_token_changes_the_cadres_key_too(tmp_path):
    lan_settings(tmp_path, None)
    staff = staff_key(tmp_path)
    assert staff_key(tmp_path) == staff  # kept from one meeting to the next
    lan_settings(tmp_path, None, new_token=True)
    assert staff_key(tmp_path) != staff  # a leaked cadres' key goes with the old token
    assert oct((tmp_path / LAN_SETTINGS).stat().st_mode & 0o777) == "0o600"
