/**
 * The schema's privacy directives. `@personal` and `@classified` make the emitted schema a data
 * map; `@purpose` is how staff and partners declare why they ask, once per operation:
 *
 *   query Customer @purpose(name: SUPPORT, ref: "T-1042") { … }
 */
import {
  DirectiveLocation,
  GraphQLDirective,
  GraphQLEnumType,
  GraphQLNonNull,
  GraphQLString,
} from "graphql";

export const ClassificationEnum = new GraphQLEnumType({
  name: "Classification",
  values: { PUBLIC: { value: "PUBLIC" }, NON_PERSONAL: { value: "NON_PERSONAL" } },
});

export const personalDirective = new GraphQLDirective({
  name: "personal",
  description:
    "The field returns data about a person, of this data category (see @privet/domain/taxonomy).",
  locations: [DirectiveLocation.FIELD_DEFINITION],
  args: { category: { type: new GraphQLNonNull(GraphQLString) } },
});

export const classifiedDirective = new GraphQLDirective({
  name: "classified",
  description: "The field holds no personal data: public, or non-personal facts about a record.",
  locations: [DirectiveLocation.FIELD_DEFINITION],
  args: { as: { type: new GraphQLNonNull(ClassificationEnum) } },
});

/**
 * A text input that may span several lines (a message, a policy body). Every other string
 * input is one line: the input guard (validation/input-guard.ts) applies the rule by this
 * marker, so a new argument is single-line unless it says otherwise.
 */
export const multilineDirective = new GraphQLDirective({
  name: "multiline",
  description:
    "The text may hold line breaks and tabs. String inputs without it are single-line: no line breaks or control characters.",
  locations: [DirectiveLocation.ARGUMENT_DEFINITION, DirectiveLocation.INPUT_FIELD_DEFINITION],
});

/** Built after the schema, so that it shares the schema's own Purpose enum. */
export const purposeDirective = (purposeEnum: GraphQLEnumType) =>
  new GraphQLDirective({
    name: "purpose",
    description: "Why staff or a partner ask: required for reading anyone else's personal data.",
    locations: [DirectiveLocation.QUERY, DirectiveLocation.MUTATION],
    args: {
      name: { type: new GraphQLNonNull(purposeEnum) },
      ref: { type: GraphQLString, description: "A ticket, incident or legal request reference." },
    },
  });
