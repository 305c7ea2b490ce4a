"""Packaging that pyproject.toml cannot say: the lessons ship inside the package.

The checkout keeps the lessons in ``notebooks/`` (where the README, CI and the learner find
them); a wheel carries the same files as ``fcplayground/lessons/``, found by
:mod:`fcplayground.resources`. Everything else is in pyproject.toml.
"""

from setuptools import find_namespace_packages, setup

setup(
    # Data folders count as (namespace) packages, as pyproject's own search would have them.
    packages=[
        *find_namespace_packages(include=["fcplayground", "fcplayground.*"]),
        "fcplayground.lessons",
    ],
    package_dir={"fcplayground.lessons": "notebooks"},
)
