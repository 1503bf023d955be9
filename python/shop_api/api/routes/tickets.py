"""Support tickets of the signed-in user."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, status

from shop_api import crud
from shop_api.api.deps import CurrentUser, SessionDep
from shop_api.api.errors import NOT_FOUND, UNAUTHORIZED
from shop_api.models import Ticket, utcnow
from shop_api.schemas import TicketCreate, TicketPublic, TicketUpdate

router = APIRouter(prefix="/tickets", tags=["tickets"], responses=UNAUTHORIZED)

# Bounded to a 32-bit id so an absurd number is a 422, not a database overflow.
TicketIdPath = Annotated[int, Path(ge=1, le=2_147_483_647)]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=TicketPublic)
def create_ticket(body: TicketCreate, user: CurrentUser, session: SessionDep) -> TicketPublic:
    """Open a support ticket."""
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


@router.get("", response_model=list[TicketPublic])
def read_tickets(user: CurrentUser, session: SessionDep) -> list[TicketPublic]:
    """List my tickets, newest first."""
    return [TicketPublic.model_validate(t) for t in crud.list_tickets(session, user.id)]


def _require_ticket(session: SessionDep, user_id: int, ticket_id: int) -> Ticket:
    ticket = crud.get_ticket(session, user_id, ticket_id)
    if ticket is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"Ticket {ticket_id} not found.")
    return ticket


@router.get("/{ticket_id}", response_model=TicketPublic, responses=NOT_FOUND)
def read_ticket(ticket_id: TicketIdPath, user: CurrentUser, session: SessionDep) -> TicketPublic:
    """Read one of my tickets."""
    return TicketPublic.model_validate(_require_ticket(session, user.id, ticket_id))


@router.patch("/{ticket_id}", response_model=TicketPublic, responses=NOT_FOUND)
def update_ticket(ticket_id: TicketIdPath, body: TicketUpdate, user: CurrentUser, session: SessionDep) -> TicketPublic:
    """Change the status of one of my tickets (open, pending, closed)."""
    ticket = _require_ticket(session, user.id, ticket_id)
    ticket.status = body.status
    ticket.updated_at = utcnow()
    session.commit()
    return TicketPublic.model_validate(ticket)
