"""Factories and launchers shared by the API tests."""
