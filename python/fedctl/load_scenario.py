"""The load scenario of `fedctl bench`, run by Locust in its own process (never imported by fedctl).

The model, stated so a number can be read against it:

- `Shopper` is a signed-in visitor. It signs in once (three requests: code, development code
  book, verify; counted in the results like every other request), then repeats, with a think
  time of 0.1-0.5 s (0.3 s on average) after each answer, one of these picked by weight:
  catalogue page `GET /api/products` (4, half of them filtered by a category), one product
  `GET /api/products/{id}` (2), `GET /api/cart` (3), add to cart `POST /api/cart/items` (1),
  `GET /api/me` (1), `GET /api/tickets` (1). Half of what it asks for is the anonymous
  catalogue, the rest its own data.
- Visitors arrive one by one: Locust starts each second's new users (the spawn rate, 20/s) at the
  same instant, so each user first waits a random part of a second, as independent arrivals would.
  Without it, 20 sign-ins hit the shop in the same millisecond every second of the ramp-up.
- 100 users offer about 100 / (0.3 s + latency) requests per second: ~330/s while answers stay
  fast. It is a closed model: when answers slow down, users ask less often.
- Requests go through the host's /api door (the host's Next server, in front of one API process,
  as `make up` runs them), not to the API directly.
- `Ceiling` asks a bare FastAPI endpoint on the same uvicorn the same way: what the framework and
  server alone manage on this machine, next to Locust itself.
"""

from __future__ import annotations

import random
import secrets

import gevent  # Locust runs its users on gevent (a dependency of locust)
from locust import FastHttpUser, between, task

# The seeded catalogue (shop_api.seed) has 16 products; these are a few of its ids.
PRODUCT_IDS = ["rose-lip-balm", "vitamin-c-cream", "repair-shampoo", "argan-hair-oil", "shea-body-butter"]
CATEGORIES = ["beauty", "skincare", "haircare", "fragrance", "bath"]


def arrive() -> None:
    """Spread the users Locust starts together over the second they are started in."""
    gevent.sleep(random.random())


class Shopper(FastHttpUser):
    wait_time = between(0.1, 0.5)

    def on_start(self) -> None:
        arrive()
        mobile = "+1555" + str(secrets.randbelow(10**7)).zfill(7)
        self.client.post("/api/auth/otp", json={"mobile": mobile})
        code = self.client.get("/api/dev/otp", params={"mobile": mobile}).json()["code"]
        answer = self.client.post("/api/auth/verify", json={"mobile": mobile, "code": code}).json()
        self.headers = {"Authorization": f"Bearer {answer['token']}"}

    @task(4)
    def browse(self) -> None:
        params = {"category": random.choice(CATEGORIES)} if random.random() < 0.5 else {}
        self.client.get("/api/products", params=params, name="/api/products")

    @task(2)
    def product(self) -> None:
        self.client.get(f"/api/products/{random.choice(PRODUCT_IDS)}", name="/api/products/{id}")

    @task(3)
    def cart(self) -> None:
        self.client.get("/api/cart", headers=self.headers)

    @task(1)
    def add_to_cart(self) -> None:
        body = {"productId": random.choice(PRODUCT_IDS), "qty": 1}
        with self.client.post("/api/cart/items", json=body, headers=self.headers, catch_response=True) as answer:
            # A full line (99 of one product) is the shop's rule, not a failure of the server.
            if answer.status_code == 400:
                answer.success()

    @task(1)
    def profile(self) -> None:
        self.client.get("/api/me", headers=self.headers)

    @task(1)
    def tickets(self) -> None:
        self.client.get("/api/tickets", headers=self.headers)


class Ceiling(FastHttpUser):
    wait_time = between(0.1, 0.5)

    def on_start(self) -> None:
        arrive()

    @task
    def ping(self) -> None:
        self.client.get("/api/ping")
