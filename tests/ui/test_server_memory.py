"""What a hall of phones can make the laptop hold (issue 23, finding 8): spoken sentences are
kept up to a number of bytes, not of sentences; phones asking at once for the same sound or the
same talk deck wait on one build."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from campaignkit.talks import build
from campaignkit.ui import speech


def test_spoken_sentences_are_kept_up_to_a_number_of_bytes(monkeypatch):
    monkeypatch.setattr(speech, "_spoken", speech.LRUCache(maxsize=speech.CACHE_BYTES, getsizeof=len))
    monkeypatch.setattr(speech, "available", lambda: True)
    monkeypatch.setattr(speech, "_speak", lambda text: b"R" * 5_500_000)  # a long sentence's WAV
    for n in range(40):  # 40 different texts: 220 MB if all were kept
        speech.speak_wav(f"第{n}句话")
    assert speech.cached_bytes() <= speech.CACHE_BYTES
    assert len(speech._spoken) == speech.CACHE_BYTES // 5_500_000
    assert "第39句话" in speech._spoken
    assert "第0句话" not in speech._spoken


def test_phones_asking_at_once_for_one_sentence_make_one_sound(monkeypatch):
    calls = []

    def slow(text):
        calls.append(text)
        time.sleep(0.3)
        return b"WAV"

    monkeypatch.setattr(speech, "_spoken", speech.LRUCache(maxsize=speech.CACHE_BYTES, getsizeof=len))
    monkeypatch.setattr(speech, "available", lambda: True)
    monkeypatch.setattr(speech, "_speak", slow)
    with ThreadPoolExecutor(6) as pool:
        assert list(pool.map(speech.speak_wav, ["同一句话"] * 6)) == [b"WAV"] * 6
    assert calls == ["同一句话"]


def test_phones_opening_one_uncached_handout_share_one_kernel(monkeypatch, tmp_path):
    from helpers import SAMPLE

    talk = next((SAMPLE.parent.parent / "notebooks" / "talks").glob("*.ipynb"))
    runs, lock = [], threading.Lock()

    def execute(nb, campaign, cwd):
        with lock:
            runs.append(1)
        time.sleep(0.5)  # a kernel starting and running the talk
        return nb

    monkeypatch.setattr(build, "execute", execute)
    monkeypatch.setattr(build, "_CACHE", build.OrderedDict())
    with ThreadPoolExecutor(3) as pool:
        decks = list(pool.map(lambda _: build.build_deck(talk, SAMPLE, audience=None), range(3)))
    assert len(runs) == 1
    assert decks[0] is decks[1] is decks[2]


def test_a_handout_that_fails_is_built_once_for_a_state_of_the_files(monkeypatch, tmp_path):
    """Ten phones refreshing a broken handout: one kernel, not one each (issue 24, finding 5);
    a change to the files is a new state, built again."""
    import shutil

    import pytest

    from helpers import SAMPLE

    campaign = tmp_path / "campaign"
    shutil.copytree(SAMPLE, campaign, ignore=shutil.ignore_patterns(".campaignkit"))
    talk = next((SAMPLE.parent.parent / "notebooks" / "talks").glob("*.ipynb"))
    runs, lock = [], threading.Lock()

    def execute(nb, campaign, cwd):
        with lock:
            runs.append(1)
        time.sleep(0.2)
        raise RuntimeError("讲稿运行出错")

    monkeypatch.setattr(build, "execute", execute)
    monkeypatch.setattr(build, "_CACHE", build.OrderedDict())
    monkeypatch.setattr(build, "_FAILED", build.OrderedDict())

    def ask(_):
        with pytest.raises(RuntimeError, match="讲稿运行出错"):
            build.build_deck(talk, campaign, audience=None)

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(ask, range(10)))
    assert len(runs) == 1
    (campaign / "timeline.csv").write_text((campaign / "timeline.csv").read_text(encoding="utf-8-sig") + "\n", encoding="utf-8")
    ask(None)
    assert len(runs) == 2


def test_a_phone_page_that_fails_is_built_once_for_a_state_of_the_files(monkeypatch, tmp_path):
    import asyncio
    import shutil

    from campaignkit.server.phone import PhoneBuilds
    from helpers import SAMPLE

    campaign = tmp_path / "campaign"
    shutil.copytree(SAMPLE, campaign, ignore=shutil.ignore_patterns(".campaignkit"))
    builds, runs = PhoneBuilds(campaign), []

    def broken(stem):
        runs.append(stem)
        raise ValueError("households 表读不了")

    monkeypatch.setattr(builds, "_build", broken)

    async def ten():
        return await asyncio.gather(*(builds.page("ledger") for _ in range(10)), return_exceptions=True)

    answers = asyncio.run(ten())
    assert runs == ["ledger"]
    assert all(isinstance(a, ValueError) for a in answers)
    asyncio.run(ten())
    assert runs == ["ledger"]


def test_a_phone_page_whose_build_kills_its_process_leaves_the_server_running(tmp_path):
    """The build runs in a worker process: a reader that aborts takes that process only; the
    page says so in Chinese, and the next build gets a new worker."""
    import asyncio

    from campaignkit.server.phone import BuildCrashed, PhoneBuilds
    from helpers import SAMPLE, abort_process

    crashing = PhoneBuilds(SAMPLE, worker=abort_process)
    with pytest.raises(BuildCrashed):
        asyncio.run(crashing.page("ledger"))
    page = asyncio.run(PhoneBuilds(SAMPLE).page("ledger"))  # this process is alive; a new worker builds
    assert "发展账" in page or "<html" in page
