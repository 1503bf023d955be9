"""Support tickets of the signed-in user."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Request, Response, status
from pydantic import TypeAdapter
from sqlalchemy.orm import Session

from shop_api import crud
from shop_api.api.answers import json_answer
from shop_api.api.deps import TokenClaimsDep, in_session, require_user
from shop_api.api.errors import NOT_FOUND, UNAUTHORIZED
from shop_api.models import Ticket, utcnow
from shop_api.schemas import TicketCreate, TicketPublic, TicketUpdate

router = APIRouter(prefix="/tickets", tags=["tickets"], responses=UNAUTHORIZED)

TICKET_LIST = TypeAdapter(list[TicketPublic])

# Bounded to a 32-bit id so an absurd number is a 422, not a database overflow.
TicketIdPath = Annotated[int, Path(ge=1, le=2_147_483_647)]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=TicketPublic)
async def create_ticket(request: Request, body: TicketCreate, claims: TokenClaimsDep) -> Response:
    """Open a support ticket."""

    def work(session: Session) -> TicketPublic:
        user = require_user(session, claims)
        now = utcnow()
        ticket = Ticket(
            user_id=user.id,
            subject=body.subject,
            message=body.message,
            status="open",
            created_at=now,
            updated_at=now,
        )
        session.add(ticket)
        session.commit()
        return TicketPublic.model_validate(ticket)

    return json_answer(await in_session(request, work), status_code=status.HTTP_201_CREATED)


@router.get("", response_model=list[TicketPublic])
async def read_tickets(request: Request, claims: TokenClaimsDep) -> Response:
    """List my tickets, newest first."""

    def work(session: Session) -> bytes:
        user = require_user(session, claims)
        return TICKET_LIST.dump_json(
            [TicketPublic.model_validate(t) for t in crud.list_tickets(session, user.id)], by_alias=True
        )

    return json_answer(await in_session(request, work))


def _require_ticket(session: Session, user_id: int, ticket_id: int) -> Ticket:
    ticket = crud.get_ticket(session, user_id, ticket_id)
    if ticket is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"Ticket {ticket_id} not found.")
    return ticket


@router.get("/{ticket_id}", response_model=TicketPublic, responses=NOT_FOUND)
async def read_ticket(request: Request, ticket_id: TicketIdPath, claims: TokenClaimsDep) -> Response:
    """Read one of my tickets."""

    def work(session: Session) -> TicketPublic:
        return TicketPublic.model_validate(_require_ticket(session, require_user(session, claims).id, ticket_id))

    return json_answer(await in_session(request, work))


@router.patch("/{ticket_id}", response_model=TicketPublic, responses=NOT_FOUND)
async def update_ticket(
    request: Request, ticket_id: TicketIdPath, body: TicketUpdate, claims: TokenClaimsDep
) -> Response:
    """Change the status of one of my tickets (open, pending, closed)."""

    def work(session: Session) -> TicketPublic:
        ticket = _require_ticket(session, require_user(session, claims).id, ticket_id)
        ticket.status = body.status
        ticket.updated_at = utcnow()
        session.commit()
        return TicketPublic.model_validate(ticket)

    return json_answer(await in_session(request, work))
