"""Builds the wrpcheck wheel: the pure-Python binding plus a copy of libwrpcheck.

The metadata lives here, and pyproject.toml only names the build backend, so that older
setuptools build it too: pyproject.toml's [project] table needs setuptools 61 (Ubuntu 22.04 has
59).

The library put in the wheel (as wrpcheck/libwrpcheck.so) is $WRPCHECK_BUNDLE, else build/ of the
source tree this file lies in (`make` builds it there). It is copied straight into the build
directory, never into the source tree. $WRPCHECK_SETUP_BUILD moves setuptools' own build and
egg-info directories out of bindings/python (`make python-wheel` puts them under build/); without
it they are made here and are ignored by git (bindings/python/.gitignore).

A wheel that carries the library is a platform wheel: py3-none-PLATFORM (any Python 3, no Python
ABI, since the library does not link against Python, but this platform's machine code).
"""
import os
import shutil
import sys
from pathlib import Path

from setuptools import Command, Distribution, setup
from setuptools.command.build_py import build_py

try:  # setuptools >= 70.1 has bdist_wheel; before that it comes with the wheel package
    from setuptools.command.bdist_wheel import bdist_wheel
except ImportError:
    try:
        from wheel.bdist_wheel import bdist_wheel
    except ImportError:
        bdist_wheel = None

HERE = Path(__file__).resolve().parent
VERSION = "0.1.0"  # the library's (Makefile VERSION); a test compares them


def _lib_name():
    if sys.platform == "darwin":
        return "libwrpcheck.dylib"
    if sys.platform == "win32":
        return "wrpcheck.dll"
    return "libwrpcheck.so"


def _library_to_bundle():
    given = os.environ.get("WRPCHECK_BUNDLE")
    path = Path(given) if given else HERE.parent.parent / "build" / _lib_name()
    if not path.is_file():
        sys.exit(f"setup.py: no library to bundle at {path}: run `make` in the repository first, "
                 f"or set WRPCHECK_BUNDLE to the path of libwrpcheck")
    return path


class BinaryDistribution(Distribution):
    """The package carries machine code (the library), so it is not pure."""

    def has_ext_modules(self):
        return True


class BuildPyWithLibrary(build_py):
    """build_py, then the library copied (symbolic links followed) next to the modules."""

    def run(self):
        super().run()
        target = Path(self.build_lib) / "wrpcheck" / _lib_name()
        self.mkpath(str(target.parent))
        shutil.copyfile(_library_to_bundle(), target)
        os.chmod(target, 0o755)


cmdclass = {"build_py": BuildPyWithLibrary}

if bdist_wheel is not None:
    class PlatformWheel(bdist_wheel):
        """Tagged py3-none-PLATFORM instead of cpXY-cpXY-PLATFORM."""

        def get_tag(self):
            _, _, platform = super().get_tag()
            return "py3", "none", platform

    cmdclass["bdist_wheel"] = PlatformWheel
else:
    class NoWheel(Command):
        """Says what is missing instead of setuptools' "invalid command 'bdist_wheel'"."""

        user_options = []

        def initialize_options(self):
            pass

        def finalize_options(self):
            sys.exit(f"setup.py: {sys.executable} cannot build wheels: it needs the wheel package "
                     f"(Debian and Ubuntu: python3-wheel) or setuptools >= 70.1. `make python-wheel` "
                     f"finds an interpreter that can (bindings/python/find-python.sh).")

        def run(self):
            pass

    cmdclass["bdist_wheel"] = NoWheel

options = {}
setup_build = os.environ.get("WRPCHECK_SETUP_BUILD")
if setup_build:
    options = {"build": {"build_base": os.path.join(setup_build, "build")},
               "egg_info": {"egg_base": setup_build}}
    os.makedirs(setup_build, exist_ok=True)

setup(
    name="wrpcheck",
    version=VERSION,
    description="Judge an EUDI relying party's request before disclosure (ctypes binding of libwrpcheck)",
    long_description=(HERE / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    python_requires=">=3.8",
    classifiers=["Programming Language :: Python :: 3", "Programming Language :: C",
                 "Operating System :: POSIX :: Linux", "Typing :: Typed"],
    packages=["wrpcheck"],
    package_data={"wrpcheck": ["py.typed"]},
    zip_safe=False,
    distclass=BinaryDistribution,
    cmdclass=cmdclass,
    options=options,
)
