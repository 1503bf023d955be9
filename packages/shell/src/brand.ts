/** The shop's colours, for the inline styles of federated components (the host's CSS has the same). */
export const BRAND = {
  ink: '#1f2430',
  muted: '#6b7280',
  accent: '#b4235a',
  danger: '#b42318',
} as const;
