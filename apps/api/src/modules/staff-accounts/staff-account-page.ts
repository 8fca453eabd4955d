/**
 * The member list, a page at a time, in the order asked (newest first, or by name) and
 * narrowed by name or email: keyset pagination on (createdAt, id) or (name, id), so a page
 * stays right while members are invited meanwhile. The cursor is sealed (sealed-cursor.ts)
 * for its order and search, so it opens only for the list it was issued for.
 */
import { Field, ObjectType, registerEnumType } from "type-graphql";
import { badInput } from "../../errors/app-error.js";
import { PageInfo } from "../../pagination/page-info.type.js";
import { openCursorText, sealCursorText } from "../../pagination/sealed-cursor.js";
import { Classified } from "../../privacy/personal.js";
import { isUuid } from "../../validation/validate-id.js";
import { StaffAccount } from "./staff-account.type.js";

export const StaffAccountOrderValues = { NEWEST: "NEWEST", NAME: "NAME" } as const;
export type StaffAccountOrder = keyof typeof StaffAccountOrderValues;
registerEnumType(StaffAccountOrderValues, {
  name: "StaffAccountOrder",
  description: "NEWEST: the most recently invited first; NAME: by name, A to Z.",
});

@ObjectType({ description: "A page of staff accounts." })
export class StaffAccountPage {
  @Classified("NON_PERSONAL")
  @Field(() => [StaffAccount])
  nodes!: StaffAccount[];

  @Classified("NON_PERSONAL")
  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

/** Rows per page when none is asked for, and at most. */
export const STAFF_PAGE_SIZE = { default: 25, max: 100 } as const;

const KEY_LABEL = "privet-staff-account-cursor";

/** Where a page ended: the last row's sort key and id. */
export type StaffPosition =
  | { readonly order: "NEWEST"; readonly createdAt: Date; readonly id: string }
  | { readonly order: "NAME"; readonly name: string; readonly id: string };

const scopeOf = (order: StaffAccountOrder, search: string) =>
  `staffAccounts:${order}:${search.toLowerCase()}`;

export function sealStaffCursor(at: StaffPosition, search: string, hashKey: string): string {
  const key = at.order === "NEWEST" ? at.createdAt.getTime() : at.name;
  return sealCursorText(
    JSON.stringify([key, at.id]),
    KEY_LABEL,
    scopeOf(at.order, search),
    hashKey,
  );
}

/** The position `after` points past; null for the first page; BAD_USER_INPUT if not ours. */
export function openStaffCursor(
  after: string | null | undefined,
  order: StaffAccountOrder,
  search: string,
  hashKey: string,
): StaffPosition | null {
  if (after === null || after === undefined) return null;
  const text = openCursorText(after, KEY_LABEL, scopeOf(order, search), hashKey);
  const parsed: unknown = text === null ? null : safeParse(text);
  if (Array.isArray(parsed) && parsed.length === 2 && isUuid(String(parsed[1]))) {
    const [key, id] = parsed as [unknown, string];
    if (order === "NEWEST" && Number.isSafeInteger(key)) {
      return { order, createdAt: new Date(key as number), id };
    }
    if (order === "NAME" && typeof key === "string") return { order, name: key, id };
  }
  throw badInput("after", "bad cursor");
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
