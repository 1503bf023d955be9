"""Tests of shop_api/core."""
