/**
 * `@Personal(category)` marks a field that returns data about a person. It does three things:
 * prints `@personal(category: "…")` into the emitted schema (the data map), records the
 * category in the field's extensions, and so puts the enforcement guard on that field only
 * (the schema's builder wraps every field with that extension: enforce-personal-field.ts).
 *
 * The object that owns the field must carry `subjectId`: whose data it is.
 */
import { type DataCategory, isDataCategory } from "@privet/domain/taxonomy";
import { Directive, Extensions } from "type-graphql";

export interface PersonalFieldExtension {
  readonly category: DataCategory;
}

export function Personal(category: DataCategory): PropertyDecorator & MethodDecorator {
  if (!isDataCategory(category)) throw new Error(`unknown data category ${category}`);
  const decorators = [
    Directive(`@personal(category: "${category}")`),
    Extensions({ personal: { category } satisfies PersonalFieldExtension }),
  ];
  return (target: object, key: string | symbol, descriptor?: PropertyDescriptor) => {
    for (const decorate of decorators) decorate(target, key, descriptor as never);
  };
}

/**
 * Marks a field that is about no one in particular (`@classified(as: PUBLIC)`), or about a
 * person but not personal data by the policy's taxonomy (NON_PERSONAL: ids, timestamps,
 * states). The classification test requires every field of a type that holds personal data
 * to carry @personal or @classified.
 */
export function Classified(as: "PUBLIC" | "NON_PERSONAL"): PropertyDecorator & MethodDecorator {
  const directive = Directive(`@classified(as: ${as})`);
  return (target: object, key: string | symbol, descriptor?: PropertyDescriptor) => {
    directive(target, key, descriptor as never);
  };
}
