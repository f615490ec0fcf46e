// The session subcommands' names, apart from their code, so the launcher can route to them
// without loading them.
export const SESSION_SUBCOMMANDS = ['sessions', 'replay', 'export', 'note', 'mark', 'follow'] as const;
export type SessionSubcommand = (typeof SESSION_SUBCOMMANDS)[number];

export function isSessionSubcommand(s: string | undefined): s is SessionSubcommand {
  return s !== undefined && (SESSION_SUBCOMMANDS as readonly string[]).includes(s);
}
