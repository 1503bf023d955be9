"""The host's /api proxy in the local layout passes every request to the API untouched."""

from __future__ import annotations

import pytest

from api_fuzz import Door, fuzz_through, operation_labels
from fedctl.manifest import Manifest
from fedctl.processes import Stack


@pytest.mark.parametrize("label", operation_labels())
def test_every_api_request_through_the_host_reaches_the_api(stack: Stack, manifest: Manifest, label: str) -> None:
    host = manifest.base_url(manifest.app(manifest.host))
    direct = manifest.api_origin()
    fuzz_through(Door(host, direct, [direct], "127.0.0.1"), manifest, label)
