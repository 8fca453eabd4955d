/**
 * `@Multiline()` on an argument or input field: the text may span several lines. It prints
 * `@multiline` into the schema, where the input guard reads it; without it a string input is
 * single-line (validation/text-rules.ts).
 */
import { Directive } from "type-graphql";

export function Multiline(): PropertyDecorator & ParameterDecorator {
  return Directive("@multiline") as PropertyDecorator & ParameterDecorator;
}
