/** `oracle-ai --help`. */
export const USAGE = `oracle-ai — the Oracle AI command line for scripts

usage: oracle-ai <command> [options]

commands:
  login    sign in through your browser and save the session
  token    print a valid access token (and nothing else) on stdout
  whoami   show who the API sees (GET /api/me)
  ask      ask the assistant; the answer is streamed to stdout
  logout   revoke the refresh token and delete the session

Run oracle-ai <command> --help for its options.

environment:
  ORACLE_AI_API              the API's URL (over the one saved at login)
  ORACLE_AI_ISSUER           the IdP's issuer (default: what the API's metadata names)
  ORACLE_AI_CLIENT_ID        the client registered at the IdP (default oracle-ai-cli)
  ORACLE_AI_CLI_PORTS        loopback ports registered at the IdP, comma-separated, tried in turn
  ORACLE_AI_SCOPE            default "openid profile offline_access"
  ORACLE_AI_LOGIN_TIMEOUT_S  how long login waits for the browser (default 300)
  XDG_CONFIG_HOME            the session is kept in $XDG_CONFIG_HOME/oracle-ai (~/.config/oracle-ai)

exit status: 0 ok, 1 failure (not signed in, refused, unreachable, incomplete answer),
             2 wrong command line or environment, 130 stopped with Ctrl-C,
             141 the reader of stdout went away
`;

export const COMMAND_USAGE: Readonly<Record<string, string>> = {
  login: `usage: oracle-ai login [--api URL] [--issuer URL] [--client-id ID] [--port N] [--no-browser] [--dpop]

Signs in as a native app (RFC 8252): Authorization Code + PKCE in your browser, the answer
received on http://127.0.0.1:<port>/callback. The session (API, issuer, tokens) is saved in
$XDG_CONFIG_HOME/oracle-ai/session.json (0600). Nothing is written on stdout.

  --api URL        the API, e.g. http://localhost:3000; its metadata (RFC 9728) names the IdP
  --issuer URL     the IdP's issuer, when the API is not given or should not be asked
  --client-id ID   the public client registered at the IdP (default oracle-ai-cli)
  --port N         receive the answer on this port only (else ORACLE_AI_CLI_PORTS, else any)
  --no-browser     print the URL (on stderr) instead of opening a browser, e.g. over SSH:
                   ssh -L N:127.0.0.1:N <host>, then open the URL on your own machine
  --dpop           bind the tokens to a key kept with the session (RFC 9449); token then
                   prints a token that needs a DPoP proof, so curl's Bearer no longer works
`,
  token: `usage: oracle-ai token

Prints the session's access token and a newline on stdout, nothing else:

  curl -H "Authorization: Bearer $(oracle-ai token)" https://oracle-ai.example.com/api/me

A token expiring within 60 s is refreshed first (once, however many run at the same time).
Exit 1 with one line on stderr when there is no session or it has ended.
`,
  whoami: `usage: oracle-ai whoami [--api URL] [--json]

Calls GET /api/me with the session's token. The first line is the username alone.

  --api URL   another API than the one saved at login (also ORACLE_AI_API)
  --json      print the whole answer as JSON
`,
  ask: `usage: oracle-ai ask "question" [--api URL] [--json]

Asks the assistant; its answer is written to stdout as it arrives, then a newline. Use - as the
question to read it from stdin. Ctrl-C stops the answer (exit 130).

  --api URL   another API than the one saved at login (also ORACLE_AI_API)
  --json      wait for the whole answer and print the chat.completion object as JSON
`,
  logout: `usage: oracle-ai logout

Revokes the refresh token at the IdP (RFC 7009) and deletes the session. When revocation fails
the session is deleted all the same, and the command says so and exits 1.
`,
};
