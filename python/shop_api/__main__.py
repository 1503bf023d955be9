"""`python -m shop_api --host 127.0.0.1 --port 8000`."""

from shop_api.main import run

if __name__ == "__main__":
    run()
