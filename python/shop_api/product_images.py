"""Small, distinct SVG pictures for the seeded products, drawn on request (no binary assets)."""

from __future__ import annotations

import hashlib
from html import escape

# One silhouette per category keeps the catalogue readable at a glance.
_SHAPES = {
    "beauty": '<rect x="85" y="60" width="30" height="90" rx="6" fill="{dark}"/>'
    '<rect x="80" y="140" width="40" height="50" rx="4" fill="{light}"/>',
    "skincare": '<rect x="70" y="80" width="60" height="110" rx="14" fill="{light}"/>'
    '<rect x="88" y="55" width="24" height="28" rx="3" fill="{dark}"/>',
    "haircare": '<rect x="72" y="70" width="56" height="120" rx="20" fill="{light}"/>'
    '<rect x="90" y="45" width="20" height="28" fill="{dark}"/>',
    "fragrance": '<circle cx="100" cy="140" r="48" fill="{light}"/>'
    '<rect x="90" y="70" width="20" height="26" fill="{dark}"/>',
    "bath": '<ellipse cx="100" cy="150" rx="62" ry="36" fill="{light}"/>'
    '<ellipse cx="100" cy="138" rx="46" ry="16" fill="{dark}"/>',
}


def _palette(product_id: str) -> tuple[str, str, str]:
    hue = int(hashlib.sha256(product_id.encode()).hexdigest()[:4], 16) % 360
    return (f"hsl({hue},60%,92%)", f"hsl({hue},55%,70%)", f"hsl({hue},50%,38%)")


def render_product_svg(product_id: str, name: str, category: str) -> str:
    background, light, dark = _palette(product_id)
    shape = _SHAPES.get(category, _SHAPES["skincare"]).format(light=light, dark=dark)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="240" viewBox="0 0 200 240"'
        f' role="img" aria-label="{escape(name)}">'
        f'<rect width="200" height="240" fill="{background}"/>{shape}'
        f'<text x="100" y="222" font-family="sans-serif" font-size="13" text-anchor="middle"'
        f' fill="{dark}">{escape(name)}</text></svg>'
    )
