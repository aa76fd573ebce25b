import { TokenStore } from "../auth/token-store.js";
import { UsageError } from "./exit-codes.js";

const CLIENT_NAMES: Record<string, string> = {
  deezer: "DeezerAPIClient",
  tidal: "PrivateTIDALAPIClient",
};

function clientName(service: string): string {
  const name = CLIENT_NAMES[service];
  if (!name) throw new UsageError(`Unknown client "${service}"; expected deezer or tidal.`);
  return name;
}

/** Prints one line per stored token: which account and flow, never a secret. */
export function listTokens(service?: string, print: (line: string) => void = (l) => console.log(l)): void {
  const store = new TokenStore();
  try {
    const services = service ? [service] : Object.keys(CLIENT_NAMES);
    let rows = 0;
    for (const entry of services) {
      for (const token of store.list({ clientName: clientName(entry) })) {
        rows++;
        const expiry = token.expiresAt ? token.expiresAt.toISOString() : "never";
        print(
          [
            entry,
            `flow=${token.authFlow}`,
            `client=${token.clientId}`,
            `user=${token.userIdentifier || "-"}`,
            `scopes=${token.scopes.join(",") || "-"}`,
            `expires=${expiry}`,
            `refreshable=${token.refreshToken ? "yes" : "no"}`,
          ].join("  "),
        );
      }
    }
    if (rows === 0) print("No stored tokens.");
  } finally {
    store.close();
  }
}

export function removeTokens(
  options: { client: string; flow: string[]; clientId: string[]; user: string[] },
  print: (line: string) => void = (l) => console.log(l),
): void {
  const store = new TokenStore();
  try {
    const removed = store.remove({
      clientName: clientName(options.client),
      ...(options.flow.length > 0 ? { authFlows: options.flow } : {}),
      ...(options.clientId.length > 0 ? { clientIds: options.clientId } : {}),
      ...(options.user.length > 0 ? { userIdentifiers: options.user } : {}),
    });
    print(`Removed ${removed} token${removed === 1 ? "" : "s"}.`);
  } finally {
    store.close();
  }
}
