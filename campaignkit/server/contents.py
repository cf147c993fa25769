"""A contents manager that serves no raw files and treats private pages as absent."""

from __future__ import annotations

import os
from fnmatch import fnmatchcase

from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
from tornado import web
from traitlets import List, Unicode


class CampaignContentsManager(AsyncLargeFileManager):
    """No raw ``/files/<path>`` (the stock manager adds that handler itself, serving every file
    under the folder: data files and private notebooks included). ``private_globs``: names that
    are neither listed nor readable through Voilà (render, tree, contents), checked on the
    normalised path so ``sub/../door_visit.ipynb`` or ``door%5Fvisit.ipynb`` do not get round it."""

    private_globs = List(Unicode(), config=True, help="fnmatch patterns of file names that do not exist here")

    def get_extra_handlers(self):
        return []

    def _matches(self, name: str) -> bool:
        # Case folded: on a case-insensitive disk DOOR_VISIT.ipynb is door_visit.ipynb.
        return any(fnmatchcase(name.casefold(), glob.casefold()) for glob in self.private_globs)

    def _private(self, path: str) -> bool:
        relative = os.path.relpath(self._get_os_path(path), self.root_dir)
        return any(self._matches(part) for part in relative.split(os.sep))

    def should_list(self, name):
        return super().should_list(name) and not self._matches(name)

    async def get(self, path, content=True, type=None, format=None, require_hash=False):
        if self._private(path):
            raise web.HTTPError(404, "No such file or directory")
        return await super().get(path, content=content, type=type, format=format, require_hash=require_hash)

    async def file_exists(self, path):
        return not self._private(path) and await super().file_exists(path)

    async def dir_exists(self, path):
        return not self._private(path) and await super().dir_exists(path)

    def exists(self, path):
        return not self._private(path) and super().exists(path)
