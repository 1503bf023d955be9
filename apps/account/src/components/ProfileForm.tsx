import { useState, type ChangeEvent, type FormEvent } from 'react';
import { toApiError, useUpdateMeMutation, type UserUpdate } from '@myapp/api';
import { Alert } from '@myapp/shell';
import {
  selectProfileUpdating,
  setProfileUpdating,
  useAppDispatch,
  useAppSelector,
  type UserProfile,
} from '@myapp/store';

/** What the form edits: every field as the text in its input. */
interface ProfileDraft {
  firstName: string;
  lastName: string;
  name: string;
  email: string;
  avatarUrl: string;
  address: string;
}

function draftOf(profile: UserProfile): ProfileDraft {
  return {
    firstName: profile.firstName ?? '',
    lastName: profile.lastName ?? '',
    name: profile.name ?? '',
    email: profile.email ?? '',
    avatarUrl: profile.avatarUrl ?? '',
    address: profile.address ?? '',
  };
}

/** The PATCH body: an empty avatar URL or address clears it (the API takes null for that). */
function changeOf(draft: ProfileDraft): UserUpdate {
  return {
    firstName: draft.firstName,
    lastName: draft.lastName,
    name: draft.name,
    email: draft.email.trim(),
    avatarUrl: draft.avatarUrl.trim() === '' ? null : draft.avatarUrl.trim(),
    address: draft.address.trim() === '' ? null : draft.address,
  };
}

// The limits are the API's (UserUpdate); the server still checks them, and the email's format.
const FIELDS: { key: keyof ProfileDraft; label: string; testId: string; maxLength: number; type?: string }[] = [
  { key: 'firstName', label: 'First name', testId: 'profile-first-name', maxLength: 100 },
  { key: 'lastName', label: 'Last name', testId: 'profile-last-name', maxLength: 100 },
  { key: 'name', label: 'Display name', testId: 'profile-name', maxLength: 200 },
  { key: 'email', label: 'Email', testId: 'profile-email', maxLength: 254, type: 'email' },
  { key: 'avatarUrl', label: 'Avatar URL', testId: 'profile-avatar-url', maxLength: 2048, type: 'url' },
];

const ADDRESS_MAX_LENGTH = 500;

export interface ProfileFormProps {
  /** The profile as the server last sent it; the form starts from it. */
  profile: UserProfile;
}

/**
 * Edits the signed-in person's profile. The draft is this form's own state; the server's answer
 * to a save reaches the shared store (the user slice follows updateMe), so the host's header and welcome text and
 * every other remote show the new name at once.
 */
export default function ProfileForm({ profile }: ProfileFormProps) {
  const dispatch = useAppDispatch();
  const [updateMe] = useUpdateMeMutation();
  const saving = useAppSelector(selectProfileUpdating);
  const [draft, setDraft] = useState<ProfileDraft>(() => draftOf(profile));
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const edit = (key: keyof ProfileDraft) => (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    const { value } = event.target;
    setDraft((current) => ({ ...current, [key]: value }));
    setSaved(false);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setError(null);
    dispatch(setProfileUpdating({ profileUpdating: true }));
    try {
      const answer = await updateMe({ userUpdate: changeOf(draft) }).unwrap();
      // The server trims what it stores; show exactly what it kept.
      setDraft(draftOf(answer));
      setSaved(true);
    } catch (failure) {
      // For invalid input the API client's message names the field, e.g. "email: ...".
      setError(toApiError(failure).message);
    } finally {
      dispatch(setProfileUpdating({ profileUpdating: false }));
    }
  };

  return (
    // noValidate: the server is the one judge of the email's format, and its message is shown.
    <form
      data-testid="profile-form"
      noValidate
      onSubmit={(event) => void save(event)}
      style={{ display: 'grid', gap: '0.75rem', maxWidth: '32rem' }}
    >
      {FIELDS.map((field) => (
        <label key={field.key} style={{ display: 'grid', gap: '0.25rem' }}>
          {field.label}
          <input
            data-testid={field.testId}
            type={field.type ?? 'text'}
            value={draft[field.key]}
            maxLength={field.maxLength}
            onChange={edit(field.key)}
            style={{ padding: '0.5rem', fontSize: '1rem' }}
          />
        </label>
      ))}
      <label style={{ display: 'grid', gap: '0.25rem' }}>
        Address
        <textarea
          data-testid="profile-address"
          value={draft.address}
          maxLength={ADDRESS_MAX_LENGTH}
          rows={3}
          onChange={edit('address')}
          style={{ padding: '0.5rem', fontSize: '1rem', fontFamily: 'inherit' }}
        />
        <small>
          {draft.address.length}/{ADDRESS_MAX_LENGTH}
        </small>
      </label>
      <div style={{ display: 'flex', gap: '0.75rem', alignItems: 'center' }}>
        <button type="submit" data-testid="save-profile" disabled={saving}>
          {saving ? 'Saving…' : 'Save profile'}
        </button>
        {saved && (
          <span role="status" data-testid="profile-saved">
            Saved.
          </span>
        )}
      </div>
      {error && <Alert testId="profile-error">{error}</Alert>}
    </form>
  );
}
