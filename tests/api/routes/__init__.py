"""Tests of the route modules in shop_api/api/routes."""
