"""Every `python3 -m cpm_train.<module>` entry point: its --help exits 0, and every example its docstring shows
parses as written and writes over no shipped model."""
import argparse
import importlib
import json
import re
import runpy
import shlex
import sys
from pathlib import Path
from types import ModuleType

import pytest
import torch

from cpm_train.paths import MODELS, TRAINING

EXAMPLE = re.compile(r"^\s*(?:/usr/bin/)?python3 -m (cpm_train[\w.]*)(.*)$")
SHIPPED = {entry["id"] for entry in json.loads((MODELS / "index.json").read_text())}
INPUTS = {"model", "backbone_from"}  # the options that read an exported model's folder; any other one may write


def entry_points() -> list[str]:
    """Every package with a __main__.py and every module with a __main__ block, as `python3 -m` names them."""
    names = []
    for path in sorted((TRAINING / "cpm_train").rglob("*.py")):
        parts = path.relative_to(TRAINING).with_suffix("").parts
        if path.name == "__main__.py":
            names.append(".".join(parts[:-1]))
        elif 'if __name__ == "__main__":' in path.read_text():
            names.append(".".join(parts))
    return names


ENTRY_POINTS = entry_points()


def module_run_by(name: str) -> ModuleType:
    """The module `python3 -m name` runs (a package's __main__)."""
    module = importlib.import_module(name)
    return importlib.import_module(f"{name}.__main__") if hasattr(module, "__path__") else module


def examples(text: str) -> list[tuple[str, list[str]]]:
    """The command lines shown in a docstring, as (module, arguments): continuation lines joined, comments dropped,
    optional [parts] taken as given."""
    found = []
    for line in text.replace("\\\n", " ").splitlines():
        match = EXAMPLE.match(line)
        if match:
            found.append((match[1], [word.strip("[]") for word in shlex.split(match[2], comments=True)]))
    return found


def shipped_models_written(args: argparse.Namespace) -> set[str]:
    """The shipped models a parsed command would write: its --id, or a folder under public/models that an option
    other than an input names."""
    written = {args.id} if getattr(args, "id", None) else set()
    for dest, value in vars(args).items():
        for item in value if isinstance(value, list) else [value]:
            if dest in INPUTS or not isinstance(item, (str, Path)):
                continue
            path = (TRAINING / item).resolve()
            if path.is_relative_to(MODELS) and path != MODELS:
                written.add(path.relative_to(MODELS).parts[0])
    return written & SHIPPED


def test_the_entry_points_are_found() -> None:
    assert {"cpm_train.train", "cpm_train.evaluate", "cpm_train.export", "cpm_train.train.benchmark",
            "cpm_train.data.feature_cache", "cpm_train.export.person_finder"} <= set(ENTRY_POINTS)


@pytest.mark.parametrize("name", ENTRY_POINTS)
@pytest.mark.filterwarnings("ignore:.*found in sys.modules:RuntimeWarning")  # other tests imported it already
def test_help_exits_0(name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """`python3 -m name --help`, run as `python3 -m` runs it (runpy), in this process: a subprocess per entry point
    would spend seconds importing torch each time."""
    monkeypatch.setattr(sys, "argv", [name, "--help"])
    with pytest.raises(SystemExit) as exit_code:
        runpy.run_module(name, run_name="__main__", alter_sys=True)
    assert exit_code.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: python3 -m {name}")


@pytest.mark.parametrize("name", ENTRY_POINTS)
def test_every_example_parses_and_writes_over_no_shipped_model(name: str) -> None:
    module = module_run_by(name)
    shown = examples((module.__doc__ or "") + (module.parser().epilog or ""))
    assert shown, f"{name} shows no example"
    for command, arguments in shown:
        try:
            args = module_run_by(command).parser().parse_args(arguments)
        except SystemExit:
            pytest.fail(f"python3 -m {command} {shlex.join(arguments)} does not parse")
        assert not shipped_models_written(args), f"python3 -m {command} {shlex.join(arguments)}"


def test_an_example_that_would_overwrite_a_shipped_model_is_caught() -> None:
    export = module_run_by("cpm_train.export").parser()
    assert shipped_models_written(export.parse_args(["runs/a/best.pt", "--id", "cpm-movenet", "--name", "x"]))
    golden = module_run_by("cpm_train.export.golden").parser()
    assert shipped_models_written(golden.parse_args(["../public/models/cpm-movenet-local"]))
    evaluate = module_run_by("cpm_train.evaluate").parser()
    assert not shipped_models_written(evaluate.parse_args(["data", "--model", "../public/models/cpm-movenet-local"]))


@pytest.mark.parametrize("name", ["cpm_train.train.benchmark", "cpm_train.train.overfit"])
def test_the_default_model_is_read_only_after_the_command_line_is(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def unread() -> Path:
        raise AssertionError("public/models/index.json read while building the command line")

    module = module_run_by(name)
    monkeypatch.setattr(module, "default_model", unread)
    assert module.parser().parse_args([]).backbone_from is None


@pytest.mark.parametrize("gpu, device", [(True, "cuda"), (False, "cpu")])
def test_the_benchmark_trains_on_the_gpu_when_there_is_one(gpu: bool, device: str,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: gpu)
    assert module_run_by("cpm_train.train.benchmark").parser().parse_args([]).device == device
