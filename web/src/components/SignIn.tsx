import { useState } from "preact/hooks";
import { ApiFailure, describeUser, type SessionUser, signIn, signOut } from "../lib/session.ts";

interface SignInProps {
  user: SessionUser | null;
  onUser(user: SessionUser | null): void;
  /** `header`: the compact form in the page header; `page`: the form a private server shows instead of the figures. */
  variant: "header" | "page";
}

/**
 * Sign-in with name and password (POST /api/v1/auth/login). The session lives in an HttpOnly cookie;
 * the page keeps only the user in memory. Failures show the API's own message (wrong name or
 * password, too many attempts with the time to wait).
 */
export function SignIn({ user, onUser, variant }: SignInProps) {
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; field: string | null } | null>(null);
  const id = (s: string) => `${variant}-signin-${s}`;

  if (user)
    return (
      <div class={`signin signed-in signin-${variant}`} data-testid="signed-in">
        <span>
          Signed in as <strong>{user.name}</strong> ({describeUser(user)})
        </span>
        <button
          type="button"
          class="secondary btn-small"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            setError(null);
            try {
              await signOut();
            } catch (e) {
              // A session that already expired is signed out anyway.
              if (!(e instanceof ApiFailure && e.status === 401)) {
                setError({ message: (e as Error).message, field: null });
                setBusy(false);
                return;
              }
            }
            setBusy(false);
            setPassword("");
            onUser(null);
          }}
        >
          Sign out
        </button>
        {error ? (
          <p class="signin-error" role="alert">
            {error.message}
          </p>
        ) : null}
      </div>
    );

  const errorId = id("error");
  const invalid = (field: string) =>
    error && (error.field === field || (field === "password" && error.field === null)) ? true : undefined;
  const form = (
    <form
      class={`signin signin-${variant}`}
      aria-label="Sign in"
      data-testid={`signin-${variant}`}
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          const u = await signIn(name.trim(), password);
          setPassword("");
          onUser(u);
        } catch (err) {
          setError(
            err instanceof ApiFailure
              ? { message: err.message, field: err.field }
              : { message: `the server could not be reached (${(err as Error).message})`, field: null },
          );
        } finally {
          setBusy(false);
        }
      }}
    >
      <label for={id("name")}>
        Name
        <input
          id={id("name")}
          type="text"
          name="username"
          autocomplete="username"
          required
          value={name}
          aria-invalid={invalid("name")}
          aria-describedby={error ? errorId : undefined}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </label>
      <label for={id("password")}>
        Password
        <input
          id={id("password")}
          type="password"
          name="password"
          autocomplete="current-password"
          required
          value={password}
          aria-invalid={invalid("password")}
          aria-describedby={error ? errorId : undefined}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
      </label>
      <button type="submit" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
      {error ? (
        <p class="signin-error" role="alert" id={errorId} data-testid="signin-error">
          {error.message}
        </p>
      ) : null}
    </form>
  );
  // In the header the form folds away behind "Sign in": readers need no account on a public server.
  if (variant === "page") return form;
  return (
    <details class="signin-menu" open={error !== null || undefined}>
      <summary>Sign in</summary>
      {form}
    </details>
  );
}
