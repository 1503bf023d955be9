import type { ReactNode } from 'react';
import { failureMessage, type QueryFailure } from '@myapp/api';
import type { TicketStatus } from '@myapp/store';
import { BRAND } from './brand';

/** A refusal or failure, said where it happened, the one way every remote shows one. */
export function Alert({ testId, children }: { testId?: string; children: ReactNode }) {
  return (
    <p role="alert" data-testid={testId} style={{ color: BRAND.danger, margin: 0 }}>
      {children}
    </p>
  );
}

/** Why a query of the shared api failed ("Your X could not be loaded: …"), with a way to read it again. */
export function LoadFailed(props: { what: string; error: QueryFailure; onRetry: () => unknown; testId?: string }) {
  const { what, error, onRetry, testId } = props;
  if (!error) return null;
  return (
    <Alert testId={testId}>
      {what} could not be loaded: {failureMessage(error)}{' '}
      <button type="button" onClick={() => void onRetry()}>
        Try again
      </button>
    </Alert>
  );
}

/** How a ticket's status reads, wherever a ticket is listed. */
export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = { open: 'Open', pending: 'Pending', closed: 'Closed' };

const dateTime = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/** A moment the API sent (ISO 8601), as every remote writes it; the text itself if it is not a date. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}
