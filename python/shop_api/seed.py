"""The seeded catalogue and coupons, written into the database idempotently at every startup."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from shop_api.models import Coupon, Product


@dataclass(frozen=True)
class SeedProduct:
    id: str
    name: str
    price_cents: int
    category: str
    description: str


@dataclass(frozen=True)
class SeedCoupon:
    code: str
    kind: str
    amount: int
    min_total_cents: int
    expires_at: datetime | None
    description: str


PRODUCTS: tuple[SeedProduct, ...] = (
    SeedProduct(
        "rose-lip-balm", "Rose Lip Balm", 1250, "beauty", "A softening lip balm with rose oil and shea butter."
    ),
    SeedProduct(
        "velvet-matte-lipstick",
        "Velvet Matte Lipstick",
        1899,
        "beauty",
        "Long-wearing matte colour that does not dry the lips.",
    ),
    SeedProduct(
        "silk-finish-foundation",
        "Silk Finish Foundation",
        3200,
        "beauty",
        "Light, buildable coverage with a natural satin finish.",
    ),
    SeedProduct(
        "lash-lift-mascara",
        "Lash Lift Mascara",
        1500,
        "beauty",
        "Lengthening mascara that curls and separates every lash.",
    ),
    SeedProduct(
        "glow-highlighter",
        "Glow Highlighter",
        2150,
        "beauty",
        "A pearl powder highlighter for cheekbones and brow bones.",
    ),
    SeedProduct(
        "hydrating-face-serum",
        "Hydrating Face Serum",
        2800,
        "skincare",
        "Hyaluronic acid serum that plumps and hydrates all day.",
    ),
    SeedProduct(
        "vitamin-c-cream", "Vitamin C Cream", 3450, "skincare", "A brightening day cream with stabilised vitamin C."
    ),
    SeedProduct(
        "gentle-foam-cleanser",
        "Gentle Foam Cleanser",
        1199,
        "skincare",
        "A low-pH cleanser that removes make-up without stripping.",
    ),
    SeedProduct(
        "mineral-sunscreen-spf50",
        "Mineral Sunscreen SPF 50",
        2400,
        "skincare",
        "Broad-spectrum zinc sunscreen with no white cast.",
    ),
    SeedProduct(
        "argan-hair-oil", "Argan Hair Oil", 2250, "haircare", "Cold-pressed argan oil that tames frizz and adds shine."
    ),
    SeedProduct(
        "repair-shampoo", "Repair Shampoo", 1400, "haircare", "Sulphate-free shampoo for dry and damaged hair."
    ),
    SeedProduct(
        "deep-conditioner-mask",
        "Deep Conditioner Mask",
        1850,
        "haircare",
        "A weekly mask that restores softness to coloured hair.",
    ),
    SeedProduct(
        "citrus-eau-de-toilette",
        "Citrus Eau de Toilette",
        4500,
        "fragrance",
        "Bergamot, neroli and vetiver in a fresh everyday scent.",
    ),
    SeedProduct(
        "vanilla-body-mist", "Vanilla Body Mist", 1600, "fragrance", "A light vanilla and amber mist for body and hair."
    ),
    SeedProduct(
        "lavender-bath-salts", "Lavender Bath Salts", 1300, "bath", "Epsom and sea salts with lavender essential oil."
    ),
    SeedProduct(
        "shea-body-butter", "Shea Body Butter", 1950, "bath", "Rich body butter for very dry skin, with shea and cocoa."
    ),
)

COUPONS: tuple[SeedCoupon, ...] = (
    SeedCoupon("WELCOME10", "percent", 10, 0, None, "10% off your order"),
    SeedCoupon("SAVE5", "fixed", 500, 3000, None, "5.00 off orders of 30.00 or more"),
    SeedCoupon("BIG20", "percent", 20, 10000, None, "20% off orders of 100.00 or more"),
    # Kept so the expiry rule has a real, seeded case to be tested against.
    SeedCoupon("SUMMER2020", "percent", 15, 0, datetime(2020, 9, 1, tzinfo=UTC), "15% off (summer 2020, expired)"),
)


def seed_database(session: Session) -> None:
    """Insert missing products and coupons and bring changed ones back to the seed values."""
    products = {p.id: p for p in session.scalars(select(Product))}
    for position, seed in enumerate(PRODUCTS):
        product = products.get(seed.id) or Product(id=seed.id)
        product.name = seed.name
        product.price_cents = seed.price_cents
        product.category = seed.category
        product.description = seed.description
        product.position = position
        session.add(product)
    coupons = {c.code: c for c in session.scalars(select(Coupon))}
    for seed_coupon in COUPONS:
        coupon = coupons.get(seed_coupon.code) or Coupon(code=seed_coupon.code)
        coupon.kind = seed_coupon.kind
        coupon.amount = seed_coupon.amount
        coupon.min_total_cents = seed_coupon.min_total_cents
        coupon.expires_at = seed_coupon.expires_at
        coupon.description = seed_coupon.description
        session.add(coupon)
