/**
 * Loading of the packages only some redirect handlers need (`playwright-core` for the browser handler,
 * `selfsigned` for an HTTPS loopback server). They are optional peers: a program that never uses those handlers
 * does not have to install them, and one that does learns exactly what to install.
 */
import { MinimError } from "../core/errors.js";

/**
 * Runs `importer` (an `import()` of `name`) and turns "package not installed" into a {@link MinimError} naming the
 * package and the command that installs it. Any other failure (a broken install, an error inside the package)
 * is rethrown as it is.
 *
 * @param name The package, e.g. `playwright-core`.
 * @param feature What needs it, for the message (e.g. "The 'playwright' redirect handler").
 */
export async function loadOptionalModule<T>(
  name: string,
  feature: string,
  importer: () => Promise<T>,
): Promise<T> {
  try {
    return await importer();
  } catch (error) {
    if (!isMissingPackage(error, name)) throw error;
    throw new MinimError(
      `${feature} needs the optional package '${name}', which is not installed. Install it with: npm install ${name}`,
      { cause: error },
    );
  }
}

function isMissingPackage(error: unknown, name: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== "ERR_MODULE_NOT_FOUND" && code !== "MODULE_NOT_FOUND") return false;
  // Only the package itself being absent counts, not one of its own dependencies.
  const message = error instanceof Error ? error.message : "";
  return message.includes(`'${name}'`) || message.includes(`"${name}"`);
}
