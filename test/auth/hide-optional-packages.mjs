// Registered with `--import` in a child process: makes the optional peers resolve as if they were not installed.
import { register } from "node:module";

const HIDDEN = ["playwright-core", "selfsigned"];
const hook = `
export async function resolve(specifier, context, next) {
  if (${JSON.stringify(HIDDEN)}.includes(specifier)) {
    const error = new Error("Cannot find package '" + specifier + "' imported from " + context.parentURL);
    error.code = "ERR_MODULE_NOT_FOUND";
    throw error;
  }
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
