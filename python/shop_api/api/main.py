"""The /api router: every resource in one place."""

from __future__ import annotations

from fastapi import APIRouter

from shop_api.api.routes import auth, cart, chat, health, me, products, tickets

api_router = APIRouter()
api_router.include_router(health.router)
api_router.include_router(auth.router)
api_router.include_router(me.router)
api_router.include_router(products.router)
api_router.include_router(products.images_router)
api_router.include_router(cart.router)
api_router.include_router(tickets.router)
api_router.include_router(chat.router)
