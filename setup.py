"""Package list: hotline/* plus the top-level resources/ folder mapped to hotline.resources."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["hotline", "hotline.*"]), "hotline.resources"],
    package_dir={"hotline.resources": "resources"},
    package_data={"hotline.resources": ["**/*"]},
)
