"""Hatchling build hook: marks the liplint wheel as platform-specific.

The wheel holds no compiled Python, only the liplint executable, so its tag is `py3-none-PLATFORM`: any
Python 3, no ABI, and the platform the executable runs on. `make wheel` computes PLATFORM from the glibc
symbol versions the executable needs (scripts/glibc-requirement.sh) and passes it in
LIPLINT_WHEEL_PLATFORM, e.g. `manylinux_2_34_x86_64`; without it the build stops instead of guessing.
"""

import os
import re

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

PLATFORM = re.compile(r"manylinux_2_[0-9]+_x86_64")


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version, build_data):
        if self.target_name != "wheel":
            return
        platform = os.environ.get("LIPLINT_WHEEL_PLATFORM", "")
        if not PLATFORM.fullmatch(platform):
            raise RuntimeError(
                "LIPLINT_WHEEL_PLATFORM must be manylinux_2_NN_x86_64 (build the wheel with `make wheel`), "
                f"got {platform!r}"
            )
        executable = os.path.join(self.root, "liplint", "bin", "liplint")
        if not os.access(executable, os.X_OK):
            raise RuntimeError(f"no executable at {executable}: `make wheel` copies it from `make dist`")
        build_data["pure_python"] = False
        build_data["tag"] = f"py3-none-{platform}"
