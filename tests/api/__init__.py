"""Tests of the shop's Python API (shop_api); the layout mirrors python/shop_api."""
