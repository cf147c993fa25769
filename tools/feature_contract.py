"""An import-linter contract that reads campaignkit's feature registry, so the
architecture check needs no list of features of its own:

- the foundations (``core``, ``ui``) import no feature, directly or indirectly;
- outside a feature, nothing imports below the feature's ``__init__``
  (``campaignkit.ledger`` yes, ``campaignkit.ledger.view`` no).

Used by ``make test`` through ``[tool.importlinter]`` in pyproject.toml.
"""

from __future__ import annotations

from importlinter import Contract, ContractCheck, fields, output


class FeatureBoundaries(Contract):
    type_name = "feature_boundaries"

    registry = fields.StringField()  # "package.module:BUILTIN", the features' folder names
    foundations = fields.ListField(subfield=fields.StringField())

    def _features(self) -> list[str]:
        import importlib

        module, _, name = str(self.registry).partition(":")
        root = module.split(".")[0]
        return [f"{root}.{feature}" for feature in getattr(importlib.import_module(module), name)]

    def check(self, graph, verbose: bool) -> ContractCheck:
        features = self._features()
        broken: list[str] = []
        for feature in features:
            if feature not in graph.modules:
                broken.append(f"{feature} is registered but is not a package")
                continue
            for base in self.foundations:
                if graph.chain_exists(importer=base, imported=feature, as_packages=True):
                    chain = graph.find_shortest_chain(importer=base, imported=feature, as_packages=True) or ()
                    broken.append(f"{base} imports the feature {feature}: {' -> '.join(chain)}")
            inside = graph.find_descendants(feature) | {feature}
            for module in sorted(graph.find_descendants(feature)):
                for importer in sorted(graph.find_modules_that_directly_import(module)):
                    if importer not in inside:
                        broken.append(f"{importer} imports {module}: import {feature} (its __init__) instead")
        return ContractCheck(kept=not broken, metadata={"broken": broken})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for line in check.metadata["broken"]:
            output.print_error(f"- {line}", bold=False)
            output.new_line()
