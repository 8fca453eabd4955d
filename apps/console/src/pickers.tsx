/**
 * The console's pickers, one per kind of thing staff choose: customers, staff members,
 * processors and legal requests, found by name through the API's search queries and sent on as
 * their ids (the API keeps taking ids). Nobody types a UUID.
 *
 * Searching customers reads their names or emails, so it goes out under the declared purpose and
 * reference like every read, and each match lands in that customer's access log; the other
 * searches read no one's personal data.
 */
import {
  PickCustomersDocument,
  PickLegalRequestsDocument,
  PickProcessorsDocument,
  PickStaffDocument,
} from "@privet/client";
import { humanize, processorKindLabel, roleLabel } from "@privet/domain/labels";
import { INTAKE_HINT } from "@privet/domain/legal-intake";
import { formErrorOf } from "@privet/ui/errors";
import { formatDate } from "@privet/ui/format";
import { Picker, type PickerAnswer, type PickerOption, type PickerProps } from "@privet/ui/picker";
import type { CombinedError } from "urql";
import { useClient } from "urql";
import { useDeclaredPurpose } from "./purpose.js";

type Props = Omit<PickerProps, "search">;

function problemOf(error: CombinedError): PickerAnswer {
  return { problem: formErrorOf(error)?.message ?? "The search failed. Try again." };
}

/**
 * Customers by part of their name or email, under the declared purpose; under LEGAL_OBLIGATION
 * (recording a legal request) by their whole email address or id only.
 */
export function CustomerPicker(props: Props) {
  const client = useClient();
  const declared = useDeclaredPurpose();
  const search = async (text: string): Promise<PickerAnswer> => {
    if (!declared?.purpose) {
      return { problem: "Declare a purpose above to search customers: every search is audited." };
    }
    const result = await client
      .query(PickCustomersDocument, { text, purpose: declared.purpose, ref: declared.ref || null })
      .toPromise();
    // A field the purpose may not read is null (redacted): the other one names the customer.
    const matches = result.data?.searchCustomers;
    if (!matches) return result.error ? problemOf(result.error) : { options: [] };
    return {
      options: matches.map(
        (c): PickerOption => ({
          id: c.id,
          label: c.name ?? c.email ?? "A customer whose name is not shown",
          ...(c.name && c.email ? { detail: c.email } : {}),
        }),
      ),
    };
  };
  // Under a legal obligation the search is legal-request intake (@privet/domain/legal-intake):
  // only the whole identifier the authority gave finds anyone. Say so in words, rather than let
  // "no match" suggest there is no such customer.
  if (declared?.purpose === "LEGAL_OBLIGATION") {
    return (
      <Picker
        minLength={2}
        {...props}
        hint={INTAKE_HINT}
        noMatch="No customer has exactly this email address or customer id. Type it whole, as the request names it."
        search={search}
      />
    );
  }
  return (
    <Picker
      minLength={2}
      noMatch="No customer matches."
      hint="Type at least 2 letters of their name or email."
      {...props}
      search={search}
    />
  );
}

/** Active staff members by part of their name or email. */
export function StaffPicker(props: Props) {
  const client = useClient();
  const search = async (text: string): Promise<PickerAnswer> => {
    const result = await client.query(PickStaffDocument, { text }).toPromise();
    if (!result.data) return result.error ? problemOf(result.error) : { options: [] };
    return {
      options: result.data.searchStaff.map((s) => ({
        id: s.id,
        label: s.name,
        detail: roleLabel(s.role),
      })),
    };
  };
  return <Picker noMatch="No staff member matches." {...props} search={search} />;
}

/** Processors by part of their name. */
export function ProcessorPicker(props: Props) {
  const client = useClient();
  const search = async (text: string): Promise<PickerAnswer> => {
    const result = await client.query(PickProcessorsDocument, { text }).toPromise();
    if (!result.data) return result.error ? problemOf(result.error) : { options: [] };
    return {
      options: result.data.searchProcessors.map((p) => ({
        id: p.id,
        label: p.name,
        detail: processorKindLabel(p.kind),
      })),
    };
  };
  return <Picker noMatch="No processor matches." {...props} search={search} />;
}

/** Legal requests by part of their authority or reference; `openOnly` for what may be cited. */
export function LegalRequestPicker({ openOnly = false, ...props }: Props & { openOnly?: boolean }) {
  const client = useClient();
  const search = async (text: string): Promise<PickerAnswer> => {
    const result = await client.query(PickLegalRequestsDocument, { text, openOnly }).toPromise();
    if (!result.data) return result.error ? problemOf(result.error) : { options: [] };
    return {
      options: result.data.searchLegalRequests.map((r) => ({
        id: r.id,
        label: `${r.authority} — ${r.reference}`,
        detail: `${humanize(r.kind)}, received ${formatDate(r.receivedAt)} · ${humanize(r.status)}`,
      })),
    };
  };
  return <Picker noMatch="No legal request matches." {...props} search={search} />;
}

/** Whoever reads personal data: a staff member or a processor, found by name in one list. */
export function ReaderPicker(props: Props) {
  const client = useClient();
  const search = async (text: string): Promise<PickerAnswer> => {
    const [staff, processors] = await Promise.all([
      client.query(PickStaffDocument, { text }).toPromise(),
      client.query(PickProcessorsDocument, { text }).toPromise(),
    ]);
    if (!staff.data && !processors.data) {
      const error = staff.error ?? processors.error;
      return error ? problemOf(error) : { options: [] };
    }
    return {
      options: [
        ...(staff.data?.searchStaff ?? []).map((s) => ({
          id: s.id,
          label: s.name,
          detail: roleLabel(s.role),
        })),
        ...(processors.data?.searchProcessors ?? []).map((p) => ({
          id: p.id,
          label: p.name,
          detail: `Processor · ${processorKindLabel(p.kind)}`,
        })),
      ],
    };
  };
  return <Picker noMatch="No staff member or processor matches." {...props} search={search} />;
}
