"""Two API workers behind the edge act as one service: chat crosses them through Redis, and a
worker killed while people shop loses no acknowledged write and is started again."""

from __future__ import annotations

import json
import os
import signal
import threading
import time

import httpx
from websockets.sync.client import ClientConnection, connect

from fedctl.manifest import Manifest
from fedctl.production import ProductionStack
from support import new_mobile, read_dev_code


def sign_in(origin: str, manifest: Manifest, worker_urls: list[str]) -> str:
    mobile = new_mobile()
    assert httpx.post(f"{origin}/api/auth/otp", json={"mobile": mobile}).status_code == 202
    code = read_dev_code(manifest, mobile, worker_urls)
    verified = httpx.post(f"{origin}/api/auth/verify", json={"mobile": mobile, "code": code})
    assert verified.status_code == 200, verified.text
    token: str = verified.json()["token"]
    return token


def ws(base_url: str) -> str:
    return base_url.replace("https://", "wss://").replace("http://", "ws://") + "/api/chat/ws"


def authenticate(socket: ClientConnection, token: str) -> None:
    """The access token travels in the first frame, never in the URL (where logs would keep it)."""
    socket.send(json.dumps({"type": "auth", "token": token}))


def test_a_chat_message_crosses_the_two_workers_through_redis(
    origin: str, manifest: Manifest, worker_urls: list[str]
) -> None:
    token = sign_in(origin, manifest, worker_urls)
    first, second = worker_urls
    with connect(ws(origin)) as at_edge, connect(ws(first)) as on_first, connect(ws(second)) as on_second:
        for socket in (at_edge, on_first, on_second):
            authenticate(socket, token)
            assert json.loads(socket.recv(timeout=10))["type"] == "history"
        # Sent through the edge (to whichever worker it chose), seen on both workers' sockets.
        at_edge.send(json.dumps({"text": "through the edge"}))
        received = [json.loads(socket.recv(timeout=10)) for socket in (at_edge, on_first, on_second)]
    assert {event["message"]["text"] for event in received} == {"through the edge"}
    assert len({event["message"]["id"] for event in received}) == 1


def test_killing_a_worker_loses_no_acknowledged_write(
    edge_stack: ProductionStack, origin: str, manifest: Manifest, worker_urls: list[str]
) -> None:
    token = sign_in(origin, manifest, worker_urls)
    headers = {"Authorization": f"Bearer {token}"}
    product_ids = [product["id"] for product in httpx.get(f"{origin}/api/products").json()["items"]]
    # A cart line holds at most 99: the writes go round the products and stop well before that.
    most = 80 * len(product_ids)
    acknowledged = dict.fromkeys(product_ids, 0)
    attempted = dict.fromkeys(product_ids, 0)
    failed: list[int] = []
    counter = iter(range(most))
    lock = threading.Lock()
    stop_writing = threading.Event()

    def shopper() -> None:
        with httpx.Client(base_url=origin, headers=headers, timeout=15) as client:
            while not stop_writing.is_set():
                with lock:
                    number = next(counter, None)
                    if number is None:
                        return
                    product_id = product_ids[number % len(product_ids)]
                    attempted[product_id] += 1
                response = client.post("/api/cart/items", json={"productId": product_id, "qty": 1})
                with lock:
                    if response.status_code == 200:
                        acknowledged[product_id] += 1
                    else:
                        failed.append(response.status_code)

    def acknowledged_so_far() -> int:
        with lock:
            return sum(acknowledged.values())

    victim = edge_stack.worker(edge_stack.worker_ports[0])
    assert victim.process is not None
    shoppers = [threading.Thread(target=shopper) for _ in range(4)]
    for thread in shoppers:
        thread.start()
    time.sleep(1.0)
    os.kill(victim.process.pid, signal.SIGKILL)
    killed_at = acknowledged_so_far()
    time.sleep(1.5)
    after_kill = acknowledged_so_far()
    stop_writing.set()
    for thread in shoppers:
        thread.join(timeout=30)

    # The survivor took the new requests at once.
    assert after_kill > killed_at + 10, (killed_at, after_kill, failed)
    # Only requests that were inside the killed worker may fail (nginx never resends a POST that
    # reached a worker); everything acknowledged is in the cart.
    assert all(status == 502 for status in failed), failed
    assert len(failed) <= 4
    cart = httpx.get(f"{origin}/api/cart", headers=headers).json()
    in_cart = {item["productId"]: item["qty"] for item in cart["items"]}
    for product_id in product_ids:
        assert acknowledged[product_id] <= in_cart.get(product_id, 0) <= attempted[product_id], product_id
    # The supervisor started the worker again, and it serves.
    deadline = time.monotonic() + 60
    while edge_stack.restarts.get(victim.name, 0) == 0 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert edge_stack.restarts.get(victim.name) == 1
    edge_stack.wait_worker_ready(edge_stack.worker_ports[0])
    assert httpx.get(f"{worker_urls[0]}/api/cart", headers=headers).json()["items"] == cart["items"]
