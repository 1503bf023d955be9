"""`python -m shop_api --port PORT` (see shop_api.main.run)."""

from shop_api.main import run

if __name__ == "__main__":
    run()
